package com.voclake.text.model;

import com.voclake.text.TextResources;
import java.util.List;

/**
 * What {@link TrainJob#run} trains, on what, and where it writes the model.
 *
 * @param task what the model learns
 * @param inputs labelled files (CSV with a header, JSON lines, or Parquet); several only for
 *     sentiment and category, whose texts are de-duplicated across files
 * @param out root of model directories: the model goes to {@code <out>/<task>/v<time>-<fingerprint>/}
 * @param textCol column of the text
 * @param labelCol column of the label (for {@link Task#ASPECT} the subject column)
 * @param devFraction share of texts (posts for aspects) held out as the dev split, in (0, 0.5]
 * @param seed salt of the dev split's hash: same seed, same split
 * @param resources the tokenizer's user dictionary and the feature lexicon's triggers; null for
 *     none
 * @param numFeatures size of the hashed feature space, a power of two; 0 for the task's default
 * @param maxIter iterations of each logistic regression; 0 for the default
 * @param baseline also train and score the baseline peer for the metrics' ratios
 * @param writeSplits also write the train and dev splits as JSON lines into the version
 *     directory's {@code splits/}, so that other tools (tools/peer_baseline.py) score on exactly them
 */
public record TrainOptions(Task task, List<String> inputs, String out, String textCol, String labelCol,
    double devFraction, long seed, TextResources resources, int numFeatures, int maxIter, boolean baseline,
    boolean writeSplits) {

  public static final double DEFAULT_DEV_FRACTION = 0.1;
  public static final long DEFAULT_SEED = 42;

  /** Defaults for every optional value. */
  public TrainOptions(Task task, List<String> inputs, String out, TextResources resources) {
    this(task, inputs, out, null, null, DEFAULT_DEV_FRACTION, DEFAULT_SEED, resources, 0, 0, true, false);
  }

  public TrainOptions {
    if (task == null) {
      throw new IllegalArgumentException("a task is required");
    }
    if (inputs == null || inputs.isEmpty()) {
      throw new IllegalArgumentException("at least one input file is required");
    }
    inputs = List.copyOf(inputs);
    if (task == Task.ASPECT && inputs.size() != 1) {
      throw new IllegalArgumentException("the aspect task takes one input file in the car-reviews layout, not "
          + inputs.size());
    }
    if (out == null || out.isBlank()) {
      throw new IllegalArgumentException("an output folder is required");
    }
    if (!(devFraction > 0 && devFraction <= 0.5)) {
      throw new IllegalArgumentException(String.format(
          "Cannot set the dev fraction to %s: the value must be in (0, 0.5]", devFraction));
    }
    if (numFeatures < 0 || (numFeatures > 0 && Integer.bitCount(numFeatures) != 1)) {
      throw new IllegalArgumentException(String.format(
          "Cannot set the number of features to %d: the value must be a power of two, e.g. 262144", numFeatures));
    }
    if (maxIter < 0) {
      throw new IllegalArgumentException(String.format(
          "Cannot set the iterations to %d: the value must be positive", maxIter));
    }
    textCol = textCol == null ? task.defaultTextCol() : textCol;
    labelCol = labelCol == null ? task.defaultLabelCol() : labelCol;
  }
}
