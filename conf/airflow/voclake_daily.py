"""Airflow DAG: run VOCLake's daily job once a day for the previous day's landed data.

Copy this file into the DAGs folder and set two Airflow Variables:
  voclake_home    the VOCLake checkout (or a folder holding jobs/bin/voclake, conf/ and the jar)
  voclake_config  the configuration file to use (e.g. /etc/voclake/production.conf)
and, for a cluster, voclake_master (default yarn). The PII key comes from the worker's
environment (VOCLAKE_PII_KEY), never from the DAG.

The job is idempotent per date, so Airflow retries and backfills (`airflow dags backfill`) are safe.
"""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.models import Variable
from airflow.operators.bash import BashOperator

with DAG(
    dag_id="voclake_daily",
    description="VOCLake identity -> enrich -> publish for one landing date",
    schedule="30 2 * * *",  # 02:30 China time, after the landing jobs of the night
    start_date=datetime(2026, 11, 1),
    catchup=True,
    max_active_runs=1,
    default_args={"retries": 2, "retry_delay": timedelta(minutes=10)},
    tags=["voclake", "cdp", "voc"],
) as dag:
    BashOperator(
        task_id="daily",
        bash_command=(
            "{{ var.value.voclake_home }}/jobs/bin/voclake daily"
            " --master {{ var.value.get('voclake_master', 'yarn') }}"
            " --config {{ var.value.voclake_config }}"
            " --date {{ ds }}"
        ),
    )
