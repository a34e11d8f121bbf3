"""spark-submit entry point of the vanban Spark job (the job itself is ``vanban.spark``).

spark-submit examples/spark/vanban_job.py corpus/ --out out/spark
"""

from vanban.spark import main

if __name__ == "__main__":
    raise SystemExit(main())
