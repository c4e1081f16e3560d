/*
 * sample_json.h - the sampling plan (sample.h) as JSON: the contract that
 * `folio sample --format json`, the pack's page and its data.json share.
 * docs/sampling.md documents the keys, which only ever grow.
 */
#ifndef FOLIO_SAMPLE_JSON_H
#define FOLIO_SAMPLE_JSON_H

#include "base/arena.h"
#include "base/value.h"
#include "judge/sample.h"

/* {"sample": [...], "coverage": {...}}, as values in a. */
struct value sample_json_plan(struct arena *a, const struct sample *s);

/* An assessor's rate, {rate, portfolios, target, sampled_before, planned,
 * met}, as members of o (the plan's coverage and the pack's staff). */
void sample_json_rate_members(const struct sample_assessor *r,
			      struct value_obj *o);

#endif
