/*
 * ident.c - validation of unit and learner ids (see ident.h).
 */
#include "base/ident.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static bool ident_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

static bool ident_start(unsigned char c)
{
	return ident_char(c) && c != '.' && c != '_' && c != '-';
}

/*
 * Whether s, up to its first dot, is a name Windows keeps for a device in
 * every folder (any case): a site zipped and opened there would lose the
 * page.
 */
static bool windows_device(const char *s)
{
	static const char *const names[] = { "con", "prn", "aux", "nul" };
	size_t n = strcspn(s, ".");
	char base[5];

	if (n < 3 || n > 4)
		return false;
	for (size_t i = 0; i < n; i++)
		base[i] = (char)tolower((unsigned char)s[i]);
	base[n] = '\0';
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(base, names[i]) == 0)
			return true;
	return n == 4 && (memcmp(base, "com", 3) == 0 || memcmp(base, "lpt", 3) == 0) &&
	       base[3] >= '1' && base[3] <= '9';
}

const char *ident_problem(const char *s, char *scratch, size_t size)
{
	size_t n = strlen(s);

	if (n == 0)
		return "is empty";
	if (n > IDENT_MAX) {
		snprintf(scratch, size, "is longer than %d characters", IDENT_MAX);
		return scratch;
	}
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (ident_char(c))
			continue;
		if (c < 0x20 || c == 0x7f)
			snprintf(scratch, size, "contains the control byte 0x%02X", c);
		else if (c >= 0x80)
			snprintf(scratch, size, "contains a non-ASCII character");
		else
			snprintf(scratch, size, "contains '%c'", c);
		return scratch;
	}
	if (!ident_start((unsigned char)s[0]))
		return "must start with a letter or digit";
	if (s[n - 1] == '.')
		return "ends in a dot, which Windows drops from file names";
	if (windows_device(s))
		return "is a device name on Windows (CON, PRN, AUX, NUL, COM1 "
		       "to COM9, LPT1 to LPT9), which cannot be a file there";
	return NULL;
}

bool ident_valid(const char *s)
{
	char scratch[64];

	return ident_problem(s, scratch, sizeof(scratch)) == NULL;
}

void ident_fold_in_place(char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] >= 'A' && s[i] <= 'Z')
			s[i] = (char)(s[i] - 'A' + 'a');
}

const char *ident_fold(struct arena *a, const char *s)
{
	char *folded = arena_strdup(a, s);

	ident_fold_in_place(folded, strlen(folded));
	return folded;
}
