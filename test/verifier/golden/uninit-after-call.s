; type: TRACEPOINT
call 5
r0 = r1
exit
