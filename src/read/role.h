/*
 * role.h - the roles in which people sign a portfolio off: what
 * signoffs.csv's `role` and folio.yml's `signoff:` name (signoff.h).
 */
#ifndef FOLIO_ROLE_H
#define FOLIO_ROLE_H

enum role {
	ROLE_ASSESSOR,
	ROLE_LEARNER,
	ROLE_IQA,
	ROLE_COUNTERSIGN,
	ROLE_EMPLOYER,
	ROLE_COUNT,
};

/* Roles as flags, (1u << role); a portfolio needs these unless folio.yml
 * says otherwise. */
#define ROLE_SIGNOFF_DEFAULT ((1u << ROLE_ASSESSOR) | (1u << ROLE_LEARNER))

/*
 * A signature on a declaration is Ed25519 (signoffs.csv's `signature`),
 * checked against the signer's public key (`public_key` in assessors.csv
 * and learners.csv): these sizes, in bytes.
 */
#define ROLE_PUBLIC_KEY_SIZE 32
#define ROLE_SIGNATURE_SIZE 64

const char *role_name(enum role role);          /* "countersign" */

/* The role named name (any case), or ROLE_COUNT. */
enum role role_parse(const char *name);

#endif
