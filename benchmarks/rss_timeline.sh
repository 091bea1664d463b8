#!/bin/bash
# The resident memory of one running process and of its children over time (issue 16: where in a build the
# parent's peak is), every 5 s until it exits:
#   benchmarks/rss_timeline.sh PID LOG
# Each line: time, the process's VmHWM / RssAnon / RssFile (MB, /proc/PID/status), then each child's Rss and Pss
# (MB, /proc/CHILD/smaps_rollup). For `scale_bench.py large`, PID is the `conflictmap build` it starts.
pid=$1; log=$2
while [ -e /proc/$pid/status ]; do
  s=$(grep -E "^(VmHWM|RssAnon|RssFile)" /proc/$pid/status | awk '{printf "%s %d ", $1, $2/1024}')
  kids=$(for c in $(cat /proc/$pid/task/*/children 2>/dev/null); do
           grep -E "^(Rss|Pss):" /proc/$c/smaps_rollup 2>/dev/null | awk '{printf "%s%d ", $1, $2/1024}'; done)
  echo "$(date +%T) $s | $kids" >> "$log"
  sleep 5
done
