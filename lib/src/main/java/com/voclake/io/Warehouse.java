package com.voclake.io;

/**
 * The warehouse layout of DESIGN.md: where each table lives under the warehouse root. The one
 * place that knows these paths.
 */
public record Warehouse(String root) {
  public Warehouse {
    root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
  }

  /** Identity merge's own state: one row per record merged. */
  public String identityRecords() {
    return root + "/cdp/identity_records";
  }

  public String identityLinks() {
    return root + "/cdp/identity_links";
  }

  public String customerProfile() {
    return root + "/cdp/customer_profile";
  }

  public String mergeLog() {
    return root + "/cdp/merge_log";
  }

  public String customerJourney() {
    return root + "/cdp/customer_journey";
  }

  /** What each customer says and cares about: one row per {@code one_id}, kept by every enrich increment. */
  public String customerVoc() {
    return root + "/cdp/customer_voc";
  }

  public String interactionsEnriched() {
    return root + "/voc/interactions_enriched";
  }

  /** Document frequencies of keyword candidates per landing date, for TF-IDF. */
  public String keywordFrequencies() {
    return root + "/voc/keyword_frequencies";
  }

  /** Root of one published dataset; its partitions are {@code dt=YYYY-MM-DD} folders below. */
  public String published(String name) {
    return root + "/publish/" + name;
  }

  /** Where a publish run stages files before it swaps them in; outside every dataset's folder. */
  public String publishStaging(String name, String runId) {
    return root + "/publish/_staging/" + name + "/" + runId;
  }

  /** The alert lifecycle state (Delta, by {@code dt}) that batch publish and the stream share. */
  public String alertState() {
    return root + "/state/alerts";
  }

  /**
   * The streaming job's real-time aggregates: counts per sliding event-time window, category and
   * province (Delta, by {@code dt} of the window's start).
   */
  public String requestWindows() {
    return root + "/stream/request_windows";
  }

  /** The folder of streaming query {@code query}: its checkpoints, its identity, its events. */
  public String stream(String query) {
    return root + "/_streams/" + query;
  }

  /** Where streaming query {@code query} keeps the checkpoint of its part {@code part}. */
  public String streamCheckpoint(String query, String part) {
    return stream(query) + "/checkpoint/" + part;
  }

  /**
   * The enriched interactions streaming query {@code query} committed, one row each with its
   * micro-batch (Delta, append only): the source of its windowed aggregates.
   */
  public String streamEvents(String query) {
    return stream(query) + "/events";
  }

  public String quarantine(String source) {
    return root + "/quarantine/" + source;
  }

  /** The increment log: one row per increment claimed and per increment committed. */
  public String increments() {
    return root + "/_increments";
  }

  /** Where increments stage their changes before they commit them; emptied as they do. */
  public String staging() {
    return root + "/_staging";
  }

  public String runs() {
    return root + "/_runs";
  }
}
