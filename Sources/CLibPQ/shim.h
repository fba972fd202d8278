#ifndef COUNCIL_API_CLIBPQ_SHIM_H
#define COUNCIL_API_CLIBPQ_SHIM_H

#include <libpq-fe.h>

/// Field codes for PQresultErrorField are plain `#define`s of characters in postgres_ext.h;
/// Swift imports them, but giving them names here documents which the store reads.
static const int CLIBPQ_DIAG_SQLSTATE = PG_DIAG_SQLSTATE;
static const int CLIBPQ_DIAG_MESSAGE_PRIMARY = PG_DIAG_MESSAGE_PRIMARY;
static const int CLIBPQ_DIAG_MESSAGE_DETAIL = PG_DIAG_MESSAGE_DETAIL;
static const int CLIBPQ_DIAG_CONSTRAINT_NAME = PG_DIAG_CONSTRAINT_NAME;
static const int CLIBPQ_DIAG_TABLE_NAME = PG_DIAG_TABLE_NAME;
static const int CLIBPQ_DIAG_COLUMN_NAME = PG_DIAG_COLUMN_NAME;

#endif
