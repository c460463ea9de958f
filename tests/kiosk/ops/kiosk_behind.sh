#!/bin/sh
# The kiosk with its clock 10 minutes behind the real one (libfaketime), for the journey
# clock_behind.kiosk: JIUZHU_REAL_KIOSK names the jiuzhu-kiosk binary.
exec faketime -f -10m "$JIUZHU_REAL_KIOSK" "$@"
