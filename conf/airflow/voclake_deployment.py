"""Where VOCLake is installed, as the DAGs in this folder submit it: edit these for a deployment.

Copy this file into the DAGs folder with voclake_daily.py and voclake_stream.py (Airflow puts the
folder on the import path). docs/deploy.md says what each needs on the Airflow worker.
"""
import pendulum

# Dates, schedules and start dates are China time.
TZ = pendulum.timezone("Asia/Shanghai")

# The release unpacked on the Airflow worker: the shaded jar (jobs/target/voclake-jobs-app.jar)
# and conf/ with the production config, which names the landing zone (voclake.paths.input), the
# warehouse and the taxonomy, lexicons and alert rules.
VOCLAKE_HOME = "/opt/voclake"
APP_JAR = VOCLAKE_HOME + "/voclake-jobs-app.jar"
MAIN_CLASS = "com.voclake.jobs.Main"
CONFIG = VOCLAKE_HOME + "/conf/production.conf"
SPARK_PROPERTIES = VOCLAKE_HOME + "/conf/spark-defaults.conf"

# The Airflow connection to Spark: host = the master (yarn, k8s://..., spark://...); extra =
# {"deploy-mode": "client", "spark-home": "/opt/spark"}. On YARN spark-home must be a Spark 4.1
# distribution built for YARN, and HADOOP_CONF_DIR must be set on the worker.
CONN_ID = "voclake_spark"

# The landing zone as the sensor sees it: voclake.paths.input of CONFIG, written s3:// for the
# AWS provider where the config says s3a://.
LANDING = "s3://brand-voc-landing/voclake"
