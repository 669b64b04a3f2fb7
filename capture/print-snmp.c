/* print-snmp.c: SNMP v1, v2c and v3 (RFC 1157, RFC 3416, RFC 3412) on UDP 161 and 162, and -T snmp. */
/*
 * Every SNMP message is BER (X.690): identifier octet(s), length
 * octet(s), contents:
 *   +---+---+---+---+---+---+---+---+
 *   | class |frm|        id         |   then the length: one octet, or
 *   +---+---+---+---+---+---+---+---+   0x80|n and n octets of length
 *     7   6   5   4   3   2   1   0
 *
 *   Message ::= SEQUENCE { version INTEGER, community OCTET STRING,
 *                          data PDU }                       (v1, v2c)
 *   PDU ::= [n] SEQUENCE { request-id, error-status, error-index INTEGER,
 *                          varbinds SEQUENCE OF SEQUENCE { name OID,
 *                          value ANY } }      (Trap: enterprise, agent,
 *                          generic, specific, time-stamp, varbinds)
 *   v3: SEQUENCE { version, header SEQUENCE { id, max size, flags,
 *       security model }, security parameters OCTET STRING (USM),
 *       scoped PDU SEQUENCE { engine id, context name, PDU } }
 *
 * This prints tcpdump 4.99.3's form without libsmi: "C="community"
 * GetRequest(28) .1.3.6.1.2.1.1.1.0", the varbinds' values after "=",
 * -v's braces and request ids. Without -n tcpdump names object
 * identifiers from its built-in MIB tree; dumplab prints their numbers
 * and counts such packets as printed generically.
 */
#include "capture/print-int.h"

/* The universal, application and context tags SNMP uses. */
#define INTEGER 2
#define STRING 4
#define ASN_NULL 5
#define OBJECTID 6
#define SEQUENCE 16
#define IPADDR 0
#define COUNTER 1
#define GAUGE 2
#define TIMETICKS 3
#define COUNTER64 6
#define GETREQ 0
#define GETNEXTREQ 1
#define GETRESP 2
#define SETREQ 3
#define TRAP 4
#define GETBULKREQ 5
#define INFORMREQ 6
#define V2TRAP 7
#define REPORT 8
#define GT_ENTERPRISE 6

#define UNIVERSAL 0
#define APPLICATION 1
#define CONTEXT 2
#define EXCEPTIONS 4

static const char *const universal_ids[] = {
	"U-0",	     "Boolean", "Integer", "Bitstring", "String", "Null",
	"ObjID",     "ObjectDes", "U-8",   "U-9",	"U-10",	  "U-11",
	"U-12",	     "U-13",	"U-14",	   "U-15",	"Sequence", "Set",
};
static const char *const application_ids[] = {
	"IpAddress", "Counter", "Gauge", "TimeTicks", "Opaque", "C-5",
	"Counter64",
};
static const char *const context_ids[] = {
	"GetRequest", "GetNextRequest", "GetResponse", "SetRequest", "Trap",
	"GetBulk",    "Inform",		"V2Trap",      "Report",
};
static const char *const exception_ids[] = {
	"noSuchObject", "noSuchInstance", "endOfMibView",
};
static const char *const private_ids[] = { "P-0" };

/*
 * tcpdump's class table names every class "x" (its defineCLASS macro
 * quotes its argument the pre-ANSI way), which its messages then show.
 */
static const struct {
	const char *name;
	const char *const *ids;
	unsigned n;
} classes[] = {
	{ "x", universal_ids, sizeof(universal_ids) / sizeof(char *) },
	{ "x", application_ids, sizeof(application_ids) / sizeof(char *) },
	{ "x", context_ids, sizeof(context_ids) / sizeof(char *) },
	{ "x", private_ids, sizeof(private_ids) / sizeof(char *) },
	{ "x", exception_ids, sizeof(exception_ids) / sizeof(char *) },
};

static const char form_chars[] = { 'P', 'C' };

static const char *const error_names[] = {
	"noError",	  "tooBig",	      "noSuchName",	  "badValue",
	"readOnly",	  "genErr",	      "noAccess",	  "wrongType",
	"wrongLength",	  "wrongEncoding",    "wrongValue",	  "noCreation",
	"inconsistentValue", "resourceUnavailable", "commitFailed",
	"undoFailed",	  "authorizationError", "notWritable",
	"inconsistentName",
};

static const char *const generic_traps[] = {
	"coldStart", "warmStart", "linkDown", "linkUp",
	"authenticationFailure", "egpNeighborLoss", "enterpriseSpecific",
};

static const char *const versions[] = { "SNMPv1", "SNMPv2c", "SNMPv2u",
					"SNMPv3" };

/* A parsed BER element (tcpdump's struct be). */
enum be_type {
	BE_ANY,
	BE_NULL,
	BE_OCTET,
	BE_OID,
	BE_INT,
	BE_UNS,
	BE_STR,
	BE_SEQ,
	BE_INETADDR,
	BE_PDU,
	BE_UNS64,
	BE_NOSUCHOBJECT,
	BE_NOSUCHINST,
	BE_ENDOFMIBVIEW,
};

struct be {
	uint32_t asnlen;
	const uint8_t *raw; /* the contents */
	int32_t integer;
	uint32_t uns;
	uint64_t uns64;
	uint8_t id, form, cls;
	enum be_type type;
};

/*
 * Results: asn1_parse returns the element's whole length, or -1 after
 * printing why it stopped (the callers then stop quietly, as tcpdump's
 * do), or PR_STOP when a byte was not captured.
 */
#define CHECK(rc)                                                         \
	do {                                                              \
		int rc_ = (rc);                                           \
		if (rc_ < 0)                                              \
			return rc_ == PR_STOP ? PR_STOP : 0;              \
	} while (0)
/* asn1_print's result, where tcpdump ignores all but the longjmp. */
#define STOP_ONLY(rc)                                                     \
	do {                                                              \
		if ((rc) == PR_STOP)                                      \
			return PR_STOP;                                   \
	} while (0)

static int asn1_parse(struct pr_ctx *c, const uint8_t *p, unsigned len,
		      struct be *e)
{
	uint8_t b, form, cls, id;
	unsigned i, hdr;

	e->asnlen = 0;
	e->type = BE_ANY;
	if (len < 1) {
		pr_puts(c, "[nothing to parse]");
		return -1;
	}
	PR_U8(c, p, b);
	id = b & 0x1f;
	form = (b & 0x20) >> 5;
	cls = (b & 0xc0) >> 6;
	e->form = form;
	e->cls = cls;
	e->id = id;
	p++;
	len--;
	hdr = 1;
	if (id == 0x1f) {
		id = 0;
		for (;;) {
			PR_U8(c, p, b);
			if (!(b & 0x80))
				break;
			if (len < 1) {
				pr_puts(c, "[Xtagfield?]");
				return -1;
			}
			id = (uint8_t)((id << 7) | (b & 0x7f));
			len--;
			hdr++;
			p++;
		}
		if (len < 1) {
			pr_puts(c, "[Xtagfield?]");
			return -1;
		}
		id = (uint8_t)((id << 7) | b);
		e->id = id;
		--len;
		++hdr;
		++p;
	}
	if (len < 1) {
		pr_puts(c, "[no asnlen]");
		return -1;
	}
	PR_U8(c, p, b);
	e->asnlen = b;
	p++;
	len--;
	hdr++;
	if (e->asnlen & 0x80) {
		uint32_t noct = e->asnlen % 0x80;

		e->asnlen = 0;
		if (len < noct) {
			pr_printf(c, "[asnlen? %d<%d]", (int)len, (int)noct);
			return -1;
		}
		if (!pr_has(c, p, noct)) {
			pr_trunc(c);
			return -1;
		}
		for (; noct != 0; len--, hdr++, noct--) {
			PR_U8(c, p, b);
			e->asnlen = (e->asnlen << 8) | b;
			p++;
		}
	}
	if (len < e->asnlen) {
		pr_printf(c, "[len%d<asnlen%u]", (int)len, e->asnlen);
		return -1;
	}
	if (id >= classes[cls].n) {
		pr_printf(c, "[id?%c/%s/%d]", form_chars[form],
			  classes[cls].name, id);
		return -1;
	}
	if (!pr_has(c, p, e->asnlen)) {
		pr_trunc(c);
		return -1;
	}
	e->raw = p;
	if (form == 0) {
		switch (cls) {
		case UNIVERSAL:
			switch (id) {
			case STRING:
				e->type = BE_STR;
				break;
			case INTEGER: {
				uint32_t v = 0;

				e->type = BE_INT;
				if (e->asnlen == 0) {
					pr_puts(c, "[asnlen=0]");
					return -1;
				}
				PR_U8(c, p, b);
				if (b & 0x80)
					v = 0xffffffffu;
				for (i = e->asnlen; i != 0; p++, i--) {
					PR_U8(c, p, b);
					v = (v << 8) | b;
				}
				e->integer = (int32_t)v;
				break;
			}
			case OBJECTID:
				e->type = BE_OID;
				break;
			case ASN_NULL:
				e->type = BE_NULL;
				e->raw = NULL;
				break;
			default:
				e->type = BE_OCTET;
				pr_printf(c, "[P/U/%s]", classes[cls].ids[id]);
				break;
			}
			break;
		case APPLICATION:
			switch (id) {
			case IPADDR:
				e->type = BE_INETADDR;
				break;
			case COUNTER:
			case GAUGE:
			case TIMETICKS: {
				uint32_t v = 0;

				e->type = BE_UNS;
				for (i = e->asnlen; i != 0; p++, i--) {
					PR_U8(c, p, b);
					v = (v << 8) + b;
				}
				e->uns = v;
				break;
			}
			case COUNTER64: {
				uint64_t v = 0;

				e->type = BE_UNS64;
				for (i = e->asnlen; i != 0; p++, i--) {
					PR_U8(c, p, b);
					v = (v << 8) + b;
				}
				e->uns64 = v;
				break;
			}
			default:
				e->type = BE_OCTET;
				pr_printf(c, "[P/A/%s]", classes[cls].ids[id]);
				break;
			}
			break;
		case CONTEXT:
			/* ids past these leave the type BE_ANY, as in tcpdump */
			if (id == 0)
				e->type = BE_NOSUCHOBJECT;
			else if (id == 1)
				e->type = BE_NOSUCHINST;
			else if (id == 2)
				e->type = BE_ENDOFMIBVIEW;
			if (id <= 2)
				e->raw = NULL;
			break;
		default:
			pr_printf(c, "[P/%s/%s]", classes[cls].name,
				  classes[cls].ids[id]);
			e->type = BE_OCTET;
			break;
		}
	} else {
		switch (cls) {
		case UNIVERSAL:
			if (id == SEQUENCE) {
				e->type = BE_SEQ;
			} else {
				e->type = BE_OCTET;
				pr_printf(c, "C/U/%s", classes[cls].ids[id]);
			}
			break;
		case CONTEXT:
			e->type = BE_PDU;
			break;
		default:
			e->type = BE_OCTET;
			pr_printf(c, "C/%s/%s", classes[cls].name,
				  classes[cls].ids[id]);
			break;
		}
	}
	return (int)(e->asnlen + hdr);
}

static int print_octets(struct pr_ctx *c, const struct be *e)
{
	const uint8_t *p = e->raw;
	uint32_t i;
	uint8_t b;

	if (!pr_has(c, p, e->asnlen)) {
		pr_trunc(c);
		return -1;
	}
	for (i = e->asnlen; i != 0; p++, i--) {
		PR_U8(c, p, b);
		pr_putc(c, '_');
		pr_hex(c, b, 2);
	}
	return 0;
}

static int print_string(struct pr_ctx *c, const struct be *e)
{
	const uint8_t *p = e->raw;
	int printable = 1, first = 1;
	uint32_t i;
	uint8_t b;

	if (!pr_has(c, p, e->asnlen)) {
		pr_trunc(c);
		return -1;
	}
	for (i = e->asnlen; printable && i != 0; p++, i--) {
		PR_U8(c, p, b);
		printable = b >= 0x20 && b <= 0x7e;
	}
	p = e->raw;
	if (printable) {
		pr_putc(c, '"');
		if (pr_printn(c, p, e->asnlen)) {
			pr_putc(c, '"');
			pr_trunc(c);
			return -1;
		}
		pr_putc(c, '"');
		return 0;
	}
	for (i = e->asnlen; i != 0; p++, i--) {
		PR_U8(c, p, b);
		if (!first)
			pr_putc(c, '_');
		pr_hex(c, b, 2);
		first = 0;
	}
	return 0;
}

/*
 * An object identifier, as numbers: ".1.3.6.1.2.1.1.1.0" (tcpdump -n).
 * Without -n tcpdump names the part its built-in MIB tree knows
 * ("system.sysDescr.0", "E:cisco..."); dumplab carries no MIB tree, so it
 * prints the numbers there too and counts the packet as printed
 * generically (the note at the end of the run says so).
 */
static int print_oid(struct pr_ctx *c, const struct be *e)
{
	const uint8_t *p = e->raw;
	uint32_t i = e->asnlen, o = 0;
	int first = 1;
	uint8_t b;

	if (!c->o.nflag && e->asnlen > 2)
		pr_generic(c, "SNMP object names");
	for (; i != 0; p++, i--) {
		PR_U8(c, p, b);
		o = (o << 7) + (b & 0x7fu);
		if (b & 0x80)
			continue;
		if (first) {
			/* X.690 8.19.4: the first subidentifier is X*40+Y */
			int32_t so = (int32_t)o, s = so / 40;

			if (s > 2)
				s = 2;
			pr_printf(c, ".%u", (uint32_t)s);
			o = (uint32_t)((int64_t)so - (int64_t)s * 40);
			first = 0;
		}
		pr_printf(c, ".%u", o);
		o = 0;
	}
	return 0;
}

static int asn1_print(struct pr_ctx *c, const struct be *e)
{
	const uint8_t *p;
	uint32_t i;
	uint8_t b;

	switch (e->type) {
	case BE_OCTET:
		return print_octets(c, e);
	case BE_NULL:
		break;
	case BE_OID:
		return print_oid(c, e);
	case BE_INT:
		pr_int(c, e->integer);
		break;
	case BE_UNS:
		pr_uint(c, e->uns);
		break;
	case BE_UNS64:
		pr_uint(c, e->uns64);
		break;
	case BE_STR:
		return print_string(c, e);
	case BE_SEQ:
		pr_printf(c, "Seq(%u)", e->asnlen);
		break;
	case BE_INETADDR:
		if (e->asnlen != 4)
			pr_puts(c, "[inetaddr len!=4]");
		p = e->raw;
		if (!pr_has(c, p, e->asnlen)) {
			pr_trunc(c);
			return -1;
		}
		for (i = e->asnlen; i != 0; p++, i--) {
			PR_U8(c, p, b);
			pr_printf(c, i == e->asnlen ? "%u" : ".%u", b);
		}
		break;
	case BE_NOSUCHOBJECT:
	case BE_NOSUCHINST:
	case BE_ENDOFMIBVIEW:
		pr_printf(c, "[%s]", exception_ids[e->id]);
		break;
	case BE_PDU:
		pr_printf(c, "%s(%u)", context_ids[e->id], e->asnlen);
		break;
	case BE_ANY:
		pr_puts(c, "[BE_ANY!?]");
		break;
	}
	return 0;
}

/* "[what]" and the element, when it is not of the type wanted. */
static int wrong(struct pr_ctx *c, const char *what, const struct be *e)
{
	pr_puts(c, what);
	STOP_ONLY(asn1_print(c, e));
	return 0;
}

static void error_status_print(struct pr_ctx *c, int32_t v)
{
	if (v >= 0 && (size_t)v < sizeof(error_names) / sizeof(error_names[0]))
		pr_puts(c, error_names[v]);
	else
		pr_printf(c, "err=%u", (unsigned)v);
}

static int is_read(unsigned id)
{
	return id == GETREQ || id == GETNEXTREQ || id == GETBULKREQ;
}

static int varbind_print(struct pr_ctx *c, unsigned pduid, const uint8_t *np,
			 unsigned length)
{
	struct be e;
	int count;

	CHECK(count = asn1_parse(c, np, length, &e));
	if (e.type != BE_SEQ)
		return wrong(c, "[!SEQ of varbind]", &e);
	if ((unsigned)count < length)
		pr_printf(c, "[%d extra after SEQ of varbind]",
			  (int)(length - (unsigned)count));
	length = e.asnlen;
	np = e.raw;
	while (length) {
		const uint8_t *vbend;
		unsigned vblength;

		pr_putc(c, ' ');
		CHECK(count = asn1_parse(c, np, length, &e));
		if (e.type != BE_SEQ)
			return wrong(c, "[!varbind]", &e);
		vbend = np + count;
		vblength = length - (unsigned)count;
		length = e.asnlen;
		np = e.raw;
		CHECK(count = asn1_parse(c, np, length, &e));
		if (e.type != BE_OID)
			return wrong(c, "[objName!=OID]", &e);
		CHECK(asn1_print(c, &e));
		length -= (unsigned)count;
		np += count;
		if (!is_read(pduid))
			pr_putc(c, '=');
		CHECK(count = asn1_parse(c, np, length, &e));
		if (is_read(pduid)) {
			if (e.type != BE_NULL) {
				pr_puts(c, "[objVal!=NULL]");
				CHECK(asn1_print(c, &e));
			}
		} else if (e.type != BE_NULL) {
			CHECK(asn1_print(c, &e));
		}
		length = vblength;
		np = vbend;
	}
	return 0;
}

static int snmppdu_print(struct pr_ctx *c, unsigned pduid, const uint8_t *np,
			 unsigned length)
{
	struct be e;
	int count, error_status = 0;
	int strict = pduid == GETREQ || pduid == GETNEXTREQ ||
		     pduid == SETREQ || pduid == INFORMREQ ||
		     pduid == V2TRAP || pduid == REPORT;

	CHECK(count = asn1_parse(c, np, length, &e));
	if (e.type != BE_INT)
		return wrong(c, "[reqId!=INT]", &e);
	if (c->o.vflag)
		pr_printf(c, "R=%d ", e.integer);
	length -= (unsigned)count;
	np += count;
	CHECK(count = asn1_parse(c, np, length, &e));
	if (e.type != BE_INT)
		return wrong(c, "[errorStatus!=INT]", &e);
	if (strict && e.integer != 0) {
		pr_puts(c, "[errorStatus(");
		error_status_print(c, e.integer);
		pr_puts(c, ")!=0]");
	} else if (pduid == GETBULKREQ) {
		pr_printf(c, " N=%d", e.integer);
	} else if (e.integer != 0) {
		pr_putc(c, ' ');
		error_status_print(c, e.integer);
		error_status = e.integer;
	}
	length -= (unsigned)count;
	np += count;
	CHECK(count = asn1_parse(c, np, length, &e));
	if (e.type != BE_INT)
		return wrong(c, "[errorIndex!=INT]", &e);
	if (strict && e.integer != 0)
		pr_printf(c, "[errorIndex(%d)!=0]", e.integer);
	else if (pduid == GETBULKREQ)
		pr_printf(c, " M=%d", e.integer);
	else if (e.integer != 0) {
		if (!error_status)
			pr_printf(c, "[errorIndex(%d) w/o errorStatus]",
				  e.integer);
		else
			pr_printf(c, "@%d", e.integer);
	} else if (error_status) {
		pr_puts(c, "[errorIndex==0]");
	}
	length -= (unsigned)count;
	np += count;
	return varbind_print(c, pduid, np, length);
}

static int trappdu_print(struct pr_ctx *c, const uint8_t *np, unsigned length)
{
	struct be e;
	int count, generic;

	pr_putc(c, ' ');
	CHECK(count = asn1_parse(c, np, length, &e));
	if (e.type != BE_OID)
		return wrong(c, "[enterprise!=OID]", &e);
	CHECK(asn1_print(c, &e));
	length -= (unsigned)count;
	np += count;
	pr_putc(c, ' ');
	CHECK(count = asn1_parse(c, np, length, &e));
	if (e.type != BE_INETADDR)
		return wrong(c, "[agent-addr!=INETADDR]", &e);
	CHECK(asn1_print(c, &e));
	length -= (unsigned)count;
	np += count;
	CHECK(count = asn1_parse(c, np, length, &e));
	if (e.type != BE_INT)
		return wrong(c, "[generic-trap!=INT]", &e);
	generic = e.integer;
	if (generic >= 0 &&
	    (size_t)generic < sizeof(generic_traps) / sizeof(generic_traps[0]))
		pr_printf(c, " %s", generic_traps[generic]);
	else
		pr_printf(c, " gt=%d", generic);
	length -= (unsigned)count;
	np += count;
	CHECK(count = asn1_parse(c, np, length, &e));
	if (e.type != BE_INT)
		return wrong(c, "[specific-trap!=INT]", &e);
	if (generic != GT_ENTERPRISE) {
		if (e.integer != 0)
			pr_printf(c, "[specific-trap(%d)!=0]", e.integer);
	} else {
		pr_printf(c, " s=%d", e.integer);
	}
	length -= (unsigned)count;
	np += count;
	pr_putc(c, ' ');
	CHECK(count = asn1_parse(c, np, length, &e));
	if (e.type != BE_UNS)
		return wrong(c, "[time-stamp!=TIMETICKS]", &e);
	CHECK(asn1_print(c, &e));
	length -= (unsigned)count;
	np += count;
	return varbind_print(c, TRAP, np, length);
}

static int pdu_print(struct pr_ctx *c, const uint8_t *np, unsigned length,
		     int version)
{
	struct be pdu;
	int count, rc = 0;

	CHECK(count = asn1_parse(c, np, length, &pdu));
	if (pdu.type != BE_PDU) {
		pr_puts(c, "[no PDU]");
		return 0;
	}
	if ((unsigned)count < length)
		pr_printf(c, "[%d extra after PDU]",
			  (int)(length - (unsigned)count));
	if (c->o.vflag)
		pr_puts(c, "{ ");
	CHECK(asn1_print(c, &pdu));
	pr_putc(c, ' ');
	length = pdu.asnlen;
	np = pdu.raw;
	if (version == 0 && (pdu.id == GETBULKREQ || pdu.id == INFORMREQ ||
			     pdu.id == V2TRAP || pdu.id == REPORT)) {
		pr_puts(c, "[v2 PDU in v1 message]");
		return 0;
	}
	if (version == 1 && pdu.id == TRAP) {
		pr_puts(c, "[v1 PDU in v2 message]");
		return 0;
	}
	if (pdu.id == TRAP)
		rc = trappdu_print(c, np, length);
	else if (pdu.id <= REPORT)
		rc = snmppdu_print(c, pdu.id, np, length);
	STOP_ONLY(rc);
	if (c->o.vflag)
		pr_puts(c, " } ");
	return 0;
}

static int scopedpdu_print(struct pr_ctx *c, const uint8_t *np,
			   unsigned length, int version)
{
	struct be e;
	int count;

	CHECK(count = asn1_parse(c, np, length, &e));
	if (e.type != BE_SEQ)
		return wrong(c, "[!scoped PDU]", &e);
	length = e.asnlen;
	np = e.raw;
	CHECK(count = asn1_parse(c, np, length, &e));
	if (e.type != BE_STR)
		return wrong(c, "[contextEngineID!=STR]", &e);
	length -= (unsigned)count;
	np += count;
	pr_puts(c, "E=");
	CHECK(print_octets(c, &e));
	pr_putc(c, ' ');
	CHECK(count = asn1_parse(c, np, length, &e));
	if (e.type != BE_STR)
		return wrong(c, "[contextName!=STR]", &e);
	length -= (unsigned)count;
	np += count;
	pr_puts(c, "C=");
	CHECK(print_string(c, &e));
	pr_putc(c, ' ');
	return pdu_print(c, np, length, version);
}

static int community_print(struct pr_ctx *c, const uint8_t *np,
			   unsigned length, int version)
{
	struct be e;
	int count;

	CHECK(count = asn1_parse(c, np, length, &e));
	if (e.type != BE_STR)
		return wrong(c, "[comm!=STR]", &e);
	/* the default community, "public", is not shown */
	if (!(e.asnlen == 6 && pk_span(&c->pk, e.raw, 6) &&
	      memcmp(pk_span(&c->pk, e.raw, 6), "public", 6) == 0)) {
		pr_puts(c, "C=");
		CHECK(print_string(c, &e));
		pr_putc(c, ' ');
	}
	length -= (unsigned)count;
	np += count;
	return pdu_print(c, np, length, version);
}

static int usm_print(struct pr_ctx *c, const uint8_t *np, unsigned length)
{
	static const char *const strs[] = {
		"[msgAuthoritativeEngineID!=STR]",
		"[msgAuthoritativeEngineBoots!=INT]",
		"[msgAuthoritativeEngineTime!=INT]",
		"[msgUserName!=STR]",
		"[msgAuthenticationParameters!=STR]",
		"[msgPrivacyParameters!=STR]",
	};
	struct be e;
	int count = 0;
	unsigned i;

	CHECK(count = asn1_parse(c, np, length, &e));
	if (e.type != BE_SEQ)
		return wrong(c, "[!usm]", &e);
	length = e.asnlen;
	np = e.raw;
	for (i = 0; i < 6; i++) {
		enum be_type want = i == 1 || i == 2 ? BE_INT : BE_STR;

		CHECK(count = asn1_parse(c, np, length, &e));
		if (e.type != want)
			return wrong(c, strs[i], &e);
		if (i == 1 && c->o.vflag)
			pr_printf(c, "B=%d ", e.integer);
		if (i == 2 && c->o.vflag)
			pr_printf(c, "T=%d ", e.integer);
		length -= (unsigned)count;
		np += count;
		if (i == 3) {
			pr_puts(c, "U=");
			CHECK(print_string(c, &e));
			pr_putc(c, ' ');
		}
	}
	if ((unsigned)count < length)
		pr_printf(c, "[%d extra after usm SEQ]",
			  (int)(length - (unsigned)count));
	return 0;
}

static int v3msg_print(struct pr_ctx *c, const uint8_t *np, unsigned length)
{
	const uint8_t *xnp = np;
	unsigned xlength = length;
	struct be e;
	int count, model, rc;
	uint8_t flags;

	CHECK(count = asn1_parse(c, np, length, &e));
	if (e.type != BE_SEQ)
		return wrong(c, "[!message]", &e);
	length = e.asnlen;
	np = e.raw;
	if (c->o.vflag)
		pr_puts(c, "{ ");
	CHECK(count = asn1_parse(c, np, length, &e));
	if (e.type != BE_INT)
		return wrong(c, "[msgID!=INT]", &e);
	length -= (unsigned)count;
	np += count;
	CHECK(count = asn1_parse(c, np, length, &e));
	if (e.type != BE_INT)
		return wrong(c, "[msgMaxSize!=INT]", &e);
	length -= (unsigned)count;
	np += count;
	CHECK(count = asn1_parse(c, np, length, &e));
	if (e.type != BE_STR)
		return wrong(c, "[msgFlags!=STR]", &e);
	if (e.asnlen != 1) {
		pr_printf(c, "[msgFlags size %d]", (int)e.asnlen);
		return 0;
	}
	PR_U8(c, e.raw, flags);
	if (flags != 0x00 && flags != 0x01 && flags != 0x03 && flags != 0x04 &&
	    flags != 0x05 && flags != 0x07) {
		pr_printf(c, "[msgFlags=0x%02X]", flags);
		return 0;
	}
	length -= (unsigned)count;
	np += count;
	pr_printf(c, "F=%s%s%s ", flags & 1 ? "a" : "", flags & 2 ? "p" : "",
		  flags & 4 ? "r" : "");
	CHECK(count = asn1_parse(c, np, length, &e));
	if (e.type != BE_INT)
		return wrong(c, "[msgSecurityModel!=INT]", &e);
	model = e.integer;
	length -= (unsigned)count;
	np += count;
	if ((unsigned)count < length)
		pr_printf(c, "[%d extra after message SEQ]",
			  (int)(length - (unsigned)count));
	if (c->o.vflag)
		pr_puts(c, "} ");
	if (model != 3) {
		pr_printf(c, "[security model %d]", model);
		return 0;
	}
	if (c->o.vflag)
		pr_puts(c, "{ USM ");
	length = xlength - (unsigned)(np - xnp);
	CHECK(count = asn1_parse(c, np, length, &e));
	if (e.type != BE_STR)
		return wrong(c, "[msgSecurityParameters!=STR]", &e);
	length -= (unsigned)count;
	np += count;
	rc = usm_print(c, e.raw, e.asnlen);
	STOP_ONLY(rc);
	if (c->o.vflag)
		pr_puts(c, "} ");
	if (c->o.vflag)
		pr_puts(c, "{ ScopedPDU ");
	rc = scopedpdu_print(c, np, length, 3);
	STOP_ONLY(rc);
	if (c->o.vflag)
		pr_puts(c, "} ");
	return 0;
}

int pr_snmp_print(struct pr_ctx *c, const uint8_t *np, unsigned length)
{
	struct be e;
	int count, version, rc;

	c->proto = "snmp";
	pr_putc(c, ' ');
	CHECK(count = asn1_parse(c, np, length, &e));
	if (e.type != BE_SEQ)
		return wrong(c, "[!init SEQ]", &e);
	if ((unsigned)count < length)
		pr_printf(c, "[%d extra after iSEQ]",
			  (int)(length - (unsigned)count));
	length = e.asnlen;
	np = e.raw;
	CHECK(count = asn1_parse(c, np, length, &e));
	if (e.type != BE_INT)
		return wrong(c, "[version!=INT]", &e);
	version = e.integer;
	if (version != 0 && version != 1 && version != 3) {
		pr_printf(c, "SNMP [version = %d]", version);
		return 0;
	}
	if (c->o.vflag)
		pr_printf(c, "{ %s ", versions[version]);
	length -= (unsigned)count;
	np += count;
	if (version == 3)
		rc = v3msg_print(c, np, length);
	else
		rc = community_print(c, np, length, version);
	STOP_ONLY(rc);
	if (c->o.vflag)
		pr_puts(c, "} ");
	return 0;
}
