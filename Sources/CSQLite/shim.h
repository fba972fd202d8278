#ifndef COUNCIL_API_CSQLITE_SHIM_H
#define COUNCIL_API_CSQLITE_SHIM_H

#include <sqlite3.h>
#include <string.h>

/// SQLITE_TRANSIENT is a macro casting -1 to a function pointer, which Swift cannot import.
/// Binding with it makes SQLite copy the bytes before the call returns, so Swift buffers may go away.
static inline sqlite3_destructor_type csqlite_transient(void) {
    return SQLITE_TRANSIENT;
}

/// sqlite3_db_config is variadic; Swift cannot call variadic C functions. One fixed-arity shim per use.
static inline int csqlite_db_config_int(sqlite3 *db, int op, int value, int *out) {
    return sqlite3_db_config(db, op, value, out);
}

/// Extended result codes are macros built with `|` and `<<`, which Swift does not import.
/// Constants carry their values across; only the ones the store checks are listed.
static const int CSQLITE_CONSTRAINT_CHECK = SQLITE_CONSTRAINT_CHECK;
static const int CSQLITE_CONSTRAINT_FOREIGNKEY = SQLITE_CONSTRAINT_FOREIGNKEY;
static const int CSQLITE_CONSTRAINT_NOTNULL = SQLITE_CONSTRAINT_NOTNULL;
static const int CSQLITE_CONSTRAINT_PRIMARYKEY = SQLITE_CONSTRAINT_PRIMARYKEY;
static const int CSQLITE_CONSTRAINT_UNIQUE = SQLITE_CONSTRAINT_UNIQUE;
static const int CSQLITE_CONSTRAINT_ROWID = SQLITE_CONSTRAINT_ROWID;

/// Copies the WAL-index header (the first 48 bytes of a WAL database's `-shm` file, which every
/// commit rewrites) into `out` and returns 1 when it reads as one consistent, initialised header;
/// 0 when not (a commit is writing it at this instant). A writer stores the second copy of the
/// header (bytes 48..<96), then a barrier, then the first; reading the first, a barrier, then the
/// second, and finding them equal, is how SQLite's own readers know they saw a whole header
/// (walIndexTryHdr in wal.c; the layout is in https://sqlite.org/walformat.html). Done in C for the
/// volatile reads and the fence, which Swift cannot spell.
static inline int csqlite_wal_index_header(const volatile unsigned char *shm, unsigned char out[48]) {
    unsigned char second[48];
    for (int i = 0; i < 48; i++) out[i] = shm[i];
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    for (int i = 0; i < 48; i++) second[i] = shm[48 + i];
    // Byte 12 is isInit: 0 until a connection has built the index.
    return out[12] != 0 && memcmp(out, second, 48) == 0;
}

#endif
