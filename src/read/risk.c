/*
 * risk.c - the names of the risk levels (see risk.h).
 */
#include "read/risk.h"

const char *risk_name(enum risk risk)
{
	static const char *const names[RISK_COUNT] = {
		"unknown", "low", "medium", "high",
	};

	return (unsigned)risk < RISK_COUNT ? names[risk] : "unknown";
}
