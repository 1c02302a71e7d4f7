; type: SOCKET_FILTER
r0 = 0
