; type: SOCKET_FILTER
exit
