/*
 * role.c - the names of the sign-off roles (see role.h).
 */
#include "read/role.h"

#include <strings.h>

static const char *const names[ROLE_COUNT] = {
	"assessor", "learner", "iqa", "countersign", "employer",
};

const char *role_name(enum role role)
{
	return role < ROLE_COUNT ? names[role] : "";
}

enum role role_parse(const char *name)
{
	int role = 0;

	while (role < ROLE_COUNT && strcasecmp(name, names[role]) != 0)
		role++;
	return (enum role)role;
}
