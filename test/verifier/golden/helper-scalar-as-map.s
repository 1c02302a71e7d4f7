; type: TRACEPOINT
r1 = 0
r2 = r10
r2 += -4
call 1
r0 = 0
exit
