package com.voclake.text.model;

/**
 * What {@link EvaluateJob#run} scores.
 *
 * @param task the model's task (checked against the model directory's)
 * @param model a model version directory written by {@link TrainJob}
 * @param input a labelled file in the layout {@link TrainOptions} describes
 * @param textCol column of the text; null for the task's default
 * @param labelCol column of the label; null for the task's default
 * @param devOnly score only the rows the training run held out as its dev split (same hash rule,
 *     fraction and seed, read from the model's {@code training.json})
 */
public record EvaluateOptions(Task task, String model, String input, String textCol, String labelCol,
    boolean devOnly) {

  public EvaluateOptions {
    if (task == null) {
      throw new IllegalArgumentException("a task is required");
    }
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException("a model directory is required");
    }
    if (input == null || input.isBlank()) {
      throw new IllegalArgumentException("an input file is required");
    }
    textCol = textCol == null ? task.defaultTextCol() : textCol;
    labelCol = labelCol == null ? task.defaultLabelCol() : labelCol;
  }
}
