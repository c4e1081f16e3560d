/*
 * risk.h - how closely an internal quality assurer samples an assessor's
 * work: low, medium or high (new, unqualified or previously inconsistent
 * assessors are higher risk).
 *
 * Its own module because two inputs speak of it: assessors.csv gives each
 * assessor's risk (assessor.h) and folio.yml the sampling rate for each
 * (config.h), and neither should depend on the other.
 */
#ifndef FOLIO_RISK_H
#define FOLIO_RISK_H

enum risk {
	RISK_UNKNOWN,     /* not listed, or no risk given: sampled as high */
	RISK_LOW,
	RISK_MEDIUM,
	RISK_HIGH,
};
#define RISK_COUNT 4

/* "low", "medium", "high"; "unknown". */
const char *risk_name(enum risk risk);

#endif
