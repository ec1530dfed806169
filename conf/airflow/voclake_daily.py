"""VOCLake's daily batch: identity -> enrich -> publish for one landing date, on a Spark cluster.

Copy this file into the DAGs folder with voclake_deployment.py, whose constants say where VOCLake
is installed. It needs the apache-airflow-providers-apache-spark (4.6 or later, for
properties_file) and apache-airflow-providers-amazon (the sensor) packages.

What it runs, per DAG run:
  1. wait_for_*       the day's touchpoints and interactions are complete: the landing jobs write a
                       _SUCCESS marker into <landing>/<source>/dt=YYYY-MM-DD/ when a day is closed;
                       <landing> (LANDING) is the config's voclake.paths.input, written s3:// for
                       the AWS provider where the config says s3a://;
  2. identity          voclake identity --date D: merge the day's records into the CDP (cdp/*);
  3. enrich            voclake enrich --date D: text analytics into voc/interactions_enriched;
  4. publish           voclake publish --date D: request_map, alerts, product_preference for D.
Each task is a spark-submit of the shaded jar with the class com.voclake.jobs.Main and
conf/spark-defaults.conf as --properties-file, through the Airflow connection CONN_ID (see
voclake_deployment.py). Client mode keeps the driver on the Airflow worker, where CONFIG and the
files it names (taxonomy, lexicons, alert rules) are; for cluster mode, ship the config with
--files and name those files by hdfs:// or s3a:// paths in it. On YARN, the connection's
spark-home must be a Spark 4.1 distribution built for YARN (Apache's spark-4.1.0-bin-hadoop3):
the Spark jars that jobs/bin/voclake runs from have no YARN client ("Could not load YARN
classes"), and HADOOP_CONF_DIR (or YARN_CONF_DIR) must point at the cluster's client
configuration on the Airflow worker. See docs/deploy.md.

Dates: the schedule is 02:30 China time (start_date is in Asia/Shanghai, so the cron follows it),
and D is the China-time date that the run's data interval starts on: the landing day that closed
at midnight. Airflow's own {{ ds }} would not do: templates render the logical date in UTC, and
02:30 in Shanghai is 18:30 UTC of the day before, so {{ ds }} would name the day before D. The
local_ds filter below is {{ ds }} in the DAG's time zone.

Backfill and retries are safe: every VOCLake job is idempotent for its --date and writes only that
date's partitions; identity is incremental (each day builds on the CDP as the days before left it),
so runs go strictly in date order: max_active_runs=1 and depends_on_past. A backfill of a month is
`airflow dags backfill voclake_daily -s 2026-10-01 -e 2026-10-31` (docs/deploy.md).

Exit codes (docs/deploy.md): 0 done; 1 the job failed; 2 bad command line or configuration,
found before anything is written (the operator retries both; a retry of a 2 fails the same way,
and its one-line message in the task log says what to fix).
The PII key (VOCLAKE_PII_KEY) comes from the cluster's secrets (spark.yarn.appMasterEnv.* or a
Kubernetes secret in the properties file), never from this file.
"""
from datetime import timedelta

import pendulum
from airflow import DAG
from airflow.providers.amazon.aws.sensors.s3 import S3KeySensor
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator
from voclake_deployment import APP_JAR, CONFIG, CONN_ID, LANDING, MAIN_CLASS, SPARK_PROPERTIES, TZ

# {{ ds }} in China time (see the module docstring): D in the task arguments below.
DAY = "{{ data_interval_start | local_ds }}"


def local_ds(moment):
    """The date of an aware datetime in the DAG's time zone, as YYYY-MM-DD."""
    return pendulum.instance(moment).in_timezone(TZ).strftime("%Y-%m-%d")


with DAG(
    dag_id="voclake_daily",
    description="VOCLake identity -> enrich -> publish for one landing date",
    schedule="30 2 * * *",
    start_date=pendulum.datetime(2026, 11, 1, tz=TZ),
    catchup=True,
    max_active_runs=1,
    user_defined_filters={"local_ds": local_ds},
    default_args={
        "owner": "voc-data",
        "depends_on_past": True,
        "retries": 2,
        "retry_delay": timedelta(minutes=10),
        "retry_exponential_backoff": True,
        # SparkSubmitOperator's arguments, the same for the three jobs (other operators ignore them).
        "conn_id": CONN_ID,
        "application": APP_JAR,
        "java_class": MAIN_CLASS,
        "properties_file": SPARK_PROPERTIES,
    },
    tags=["voclake", "cdp", "voc"],
) as dag:
    # A day is complete when both landing folders carry their marker; reschedule mode frees the
    # worker slot between pokes. Six hours after 02:30 the day is late enough to page someone.
    wait_for_landing = [
        S3KeySensor(
            task_id="wait_for_" + source,
            bucket_key=LANDING + "/" + source + "/dt=" + DAY + "/_SUCCESS",
            mode="reschedule",
            poke_interval=300,
            timeout=6 * 3600,
            retries=0,
        )
        for source in ("touchpoints", "interactions")
    ]
    identity = SparkSubmitOperator(
        task_id="identity",
        name="voclake-identity-" + DAY,
        application_args=["identity", "--config", CONFIG, "--date", DAY],
        execution_timeout=timedelta(hours=2),
    )
    enrich = SparkSubmitOperator(
        task_id="enrich",
        name="voclake-enrich-" + DAY,
        application_args=["enrich", "--config", CONFIG, "--date", DAY],
        execution_timeout=timedelta(minutes=90),
    )
    publish = SparkSubmitOperator(
        task_id="publish",
        name="voclake-publish-" + DAY,
        application_args=["publish", "--config", CONFIG, "--date", DAY],
        execution_timeout=timedelta(minutes=45),
    )

    wait_for_landing >> identity >> enrich >> publish
