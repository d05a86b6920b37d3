#!/usr/bin/env python3
"""The seed-era Python path the benchmark compares with: json.loads, parse_chart, to_dict, json.dumps."""
import json
import sys
import warnings

from daytona.common.charts import parse_chart

warnings.filterwarnings("ignore")
with open(sys.argv[1], "rb") as f:
    data = json.loads(f.read())
chart = parse_chart(**data)
sys.stdout.write(json.dumps(chart.to_dict()))
