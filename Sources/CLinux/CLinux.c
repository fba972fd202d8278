// A C target needs one source file; everything CLinux offers is declared by its header.
#include "CLinux.h"
