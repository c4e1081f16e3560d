/*
 * sample_json.h - the sampling plan (sample.h) as JSON: the contract that
 * `folio sample --format json`, the pack's page and its data.json share.
 * docs/sampling.md documents the keys, which only ever grow.
 */
#ifndef FOLIO_SAMPLE_JSON_H
#define FOLIO_SAMPLE_JSON_H

#include <jansson.h>

#include "judge/sample.h"

/* {"sample": [...], "coverage": {...}}: a new reference. */
json_t *sample_json_plan(const struct sample *s);

#endif
