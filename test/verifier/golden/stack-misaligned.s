; type: SOCKET_FILTER
*(u64 *)(r10 - 4) = 0
r0 = 0
exit
