# Batch output failures other than a closed pipe are reported (a full disk is not a reader that left).
add_test(NAME score_full_disk_is_reported
  COMMAND sh -c "err=$(\"$1\" sample --count 2000 --seed 1 | \"$1\" score 2>&1 >/dev/full); rc=$?; echo \"$err\"; [ $rc -eq 74 ] && echo \"$err\" | grep -q 'cannot write the output'" sh ${WEGWIJZER_BIN})
