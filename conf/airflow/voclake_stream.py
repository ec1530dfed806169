"""VOCLake's streaming job, started and watched by Airflow: `voclake stream --trigger available-now`.

Copy this file into the DAGs folder with voclake_deployment.py (where VOCLake is installed, the
Spark connection; see docs/deploy.md for SPARK_HOME on YARN).

With the available-now trigger the job reads everything that arrived since its checkpoint (Kafka,
or the landing folders), commits it in one or more micro-batches and stops, so Airflow can run it
like a batch job every 15 minutes and watch it: a run that fails is retried once and then shows
red; one that takes longer than its execution_timeout is stopped (and picked up again by the next
run, from the same checkpoint: increments are committed idempotently, so nothing is counted
twice). catchup=False: a missed quarter of an hour needs no run of its own, the next one reads
what it left. max_active_runs=1: two runs never share the checkpoint.

The daily DAG (voclake_daily) stays the source of truth for a day: it replaces that day's rows, so
the stream's rows of earlier days are overwritten by the batch once it has run.
"""
from datetime import timedelta

import pendulum
from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator
from voclake_deployment import APP_JAR, CONFIG, CONN_ID, MAIN_CLASS, SPARK_PROPERTIES, TZ

with DAG(
    dag_id="voclake_stream",
    description="VOCLake stream: what arrived since the last run, then stop (available-now)",
    schedule="*/15 * * * *",
    start_date=pendulum.datetime(2026, 11, 1, tz=TZ),
    catchup=False,
    max_active_runs=1,
    default_args={
        "owner": "voc-data",
        "retries": 1,
        "retry_delay": timedelta(minutes=2),
    },
    tags=["voclake", "stream"],
) as dag:
    SparkSubmitOperator(
        task_id="stream",
        conn_id=CONN_ID,
        application=APP_JAR,
        java_class=MAIN_CLASS,
        properties_file=SPARK_PROPERTIES,
        name="voclake-stream",
        application_args=["stream", "--config", CONFIG, "--trigger", "available-now"],
        execution_timeout=timedelta(minutes=30),
    )
