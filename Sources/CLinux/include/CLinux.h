#ifndef COUNCIL_API_CLINUX_H
#define COUNCIL_API_CLINUX_H

// Linux interfaces the Glibc module does not bring into Swift: the epoll readiness API and
// eventfd, which HTTPServer's event loops are built on. Declarations only; nothing is wrapped.
#include <sys/epoll.h>
#include <sys/eventfd.h>

#endif
