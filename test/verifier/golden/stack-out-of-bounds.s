; type: SOCKET_FILTER
*(u64 *)(r10 - 520) = 0
r0 = 0
exit
