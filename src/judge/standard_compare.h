/*
 * standard_compare.h - what changed between a unit imported from an
 * earlier version of an apprenticeship standard and the standard now, by
 * the GUIDs the unit keeps (`guids` in its front matter).
 *
 * A re-import renumbers KSBs and duties in the new version's order, so an
 * id in the evidence logs may come to mean another KSB: each KSB or duty
 * whose id changed, whose text changed, that is gone or that is new is a
 * warning, at its line in the earlier unit (a new one at the JSON file),
 * so that the centre can remap the evidence before replacing the unit.
 */
#ifndef FOLIO_STANDARD_COMPARE_H
#define FOLIO_STANDARD_COMPARE_H

#include <stddef.h>

#include "base/diag.h"
#include "read/standard.h"
#include "read/unit.h"

/*
 * Compares: warnings into diags; an error when the unit keeps no GUIDs.
 * Returns the number of changes found.
 */
size_t standard_compare(const struct unit *previous,
			const struct standard *now, const char *file,
			struct diag_list *diags);

#endif
