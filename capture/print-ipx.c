/* print-ipx.c: Novell IPX datagrams, with SAP and RIP (ethertype 0x8137, LLC SAP 0xe0, raw 802.3). */
/*
 * Novell's "IPX Router Specification" (1992) and "NetWare Link Services
 * Protocol Specification": the 30-octet IPX header, all fields
 * big-endian:
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |      checksum (0xffff)        |  length (with the header)     |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  | transport ctl |  packet type  |   destination network (4) ... |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  destination node (6), destination socket (2), source network |
 *  |  (4), source node (6), source socket (2)                      |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * SAP (socket 0x452): a 2-octet operation, then a server type (query) or
 * up to 8 entries of type (2), name (48), address (10), hops (2)... as
 * tcpdump shows them; RIP (socket 0x453): an operation, then network (4),
 * hops (2) and ticks (2) entries.
 */
#include "capture/print-int.h"

#define IPX_HDRLEN 30

#define IPX_SKT_NCP 0x0451
#define IPX_SKT_SAP 0x0452
#define IPX_SKT_RIP 0x0453
#define IPX_SKT_NETBIOS 0x0455
#define IPX_SKT_DIAGNOSTICS 0x0456
#define IPX_SKT_NWLINK_DGM 0x0553
#define IPX_SKT_EIGRP 0x85be

/* SAP server types, tcpdump's ipxsap_db (shown without -n only). */
static const struct pr_tok sap_type_names[] = {
	{ 0x0000, "Unknown" },
	{ 0x0001, "User" },
	{ 0x0002, "User Group" },
	{ 0x0003, "PrintQueue" },
	{ 0x0004, "FileServer" },
	{ 0x0005, "JobServer" },
	{ 0x0006, "Gateway" },
	{ 0x0007, "PrintServer" },
	{ 0x0008, "ArchiveQueue" },
	{ 0x0009, "ArchiveServer" },
	{ 0x000a, "JobQueue" },
	{ 0x000b, "Administration" },
	{ 0x000f, "Novell TI-RPC" },
	{ 0x0017, "Diagnostics" },
	{ 0x0020, "NetBIOS" },
	{ 0x0021, "NAS SNA Gateway" },
	{ 0x0023, "NACS AsyncGateway" },
	{ 0x0024, "RemoteBridge/RoutingService" },
	{ 0x0026, "BridgeServer" },
	{ 0x0027, "TCP/IP Gateway" },
	{ 0x0028, "Point-to-point X.25 BridgeServer" },
	{ 0x0029, "3270 Gateway" },
	{ 0x002a, "CHI Corp" },
	{ 0x002c, "PC Chalkboard" },
	{ 0x002d, "TimeSynchServer" },
	{ 0x002e, "ARCserve5.0/PalindromeBackup" },
	{ 0x0045, "DI3270 Gateway" },
	{ 0x0047, "AdvertisingPrintServer" },
	{ 0x004a, "NetBlazerModems" },
	{ 0x004b, "BtrieveVAP" },
	{ 0x004c, "NetwareSQL" },
	{ 0x004d, "XtreeNetwork" },
	{ 0x0050, "BtrieveVAP4.11" },
	{ 0x0052, "QuickLink" },
	{ 0x0053, "PrintQueueUser" },
	{ 0x0058, "Multipoint X.25 Router" },
	{ 0x0060, "STLB/NLM" },
	{ 0x0064, "ARCserve" },
	{ 0x0066, "ARCserve3.0" },
	{ 0x0072, "WAN CopyUtility" },
	{ 0x007a, "TES-NetwareVMS" },
	{ 0x0092, "WATCOM Debugger/EmeraldTapeBackupServer" },
	{ 0x0095, "DDA OBGYN" },
	{ 0x0098, "NetwareAccessServer" },
	{ 0x009a, "Netware for VMS II/NamedPipeServer" },
	{ 0x009b, "NetwareAccessServer" },
	{ 0x009e, "PortableNetwareServer/SunLinkNVT" },
	{ 0x00a1, "PowerchuteAPC UPS" },
	{ 0x00aa, "LAWserve" },
	{ 0x00ac, "CompaqIDA StatusMonitor" },
	{ 0x0100, "PIPE STAIL" },
	{ 0x0102, "LAN ProtectBindery" },
	{ 0x0103, "OracleDataBaseServer" },
	{ 0x0107, "Netware386/RSPX RemoteConsole" },
	{ 0x010f, "NovellSNA Gateway" },
	{ 0x0111, "TestServer" },
	{ 0x0112, "HP PrintServer" },
	{ 0x0114, "CSA MUX" },
	{ 0x0115, "CSA LCA" },
	{ 0x0116, "CSA CM" },
	{ 0x0117, "CSA SMA" },
	{ 0x0118, "CSA DBA" },
	{ 0x0119, "CSA NMA" },
	{ 0x011a, "CSA SSA" },
	{ 0x011b, "CSA STATUS" },
	{ 0x011e, "CSA APPC" },
	{ 0x0126, "SNA TEST SSA Profile" },
	{ 0x012a, "CSA TRACE" },
	{ 0x012b, "NetwareSAA" },
	{ 0x012e, "IKARUS VirusScan" },
	{ 0x0130, "CommunicationsExecutive" },
	{ 0x0133, "NNS DomainServer/NetwareNamingServicesDomain" },
	{ 0x0135, "NetwareNamingServicesProfile" },
	{ 0x0137, "Netware386 PrintQueue/NNS PrintQueue" },
	{ 0x0141, "LAN SpoolServer" },
	{ 0x0152, "IRMALAN Gateway" },
	{ 0x0154, "NamedPipeServer" },
	{ 0x0166, "NetWareManagement" },
	{ 0x0168, "Intel PICKIT CommServer/Intel CAS TalkServer" },
	{ 0x0173, "Compaq" },
	{ 0x0174, "Compaq SNMP Agent" },
	{ 0x0175, "Compaq" },
	{ 0x0180, "XTreeServer/XTreeTools" },
	{ 0x018a, "NASI ServicesBroadcastServer" },
	{ 0x01b0, "GARP Gateway" },
	{ 0x01b1, "Binfview" },
	{ 0x01bf, "IntelLanDeskManager" },
	{ 0x01ca, "AXTEC" },
	{ 0x01cb, "ShivaNetModem/E" },
	{ 0x01cc, "ShivaLanRover/E" },
	{ 0x01cd, "ShivaLanRover/T" },
	{ 0x01ce, "ShivaUniversal" },
	{ 0x01d8, "CastelleFAXPressServer" },
	{ 0x01da, "CastelleLANPressPrintServer" },
	{ 0x01dc, "CastelleFAX/Xerox7033 FaxServer/ExcelLanFax" },
	{ 0x01f0, "LEGATO" },
	{ 0x01f5, "LEGATO" },
	{ 0x0233, "NMS Agent/NetwareManagementAgent" },
	{ 0x0237, "NMS IPX Discovery/LANternReadWriteChannel" },
	{ 0x0238, "NMS IP Discovery/LANternTrapAlarmChannel" },
	{ 0x023a, "LANtern" },
	{ 0x023c, "MAVERICK" },
	{ 0x023f, "NovellSMDR" },
	{ 0x024e, "NetwareConnect" },
	{ 0x024f, "NASI ServerBroadcast Cisco" },
	{ 0x026a, "NMS ServiceConsole" },
	{ 0x026b, "TimeSynchronizationServer Netware 4.x" },
	{ 0x0278, "DirectoryServer Netware 4.x" },
	{ 0x027b, "NetwareManagementAgent" },
	{ 0x0280, "Novell File and Printer Sharing Service for PC" },
	{ 0x0304, "NovellSAA Gateway" },
	{ 0x0308, "COM/VERMED" },
	{ 0x030a, "GalacticommWorldgroupServer" },
	{ 0x030c, "IntelNetport2/HP JetDirect/HP Quicksilver" },
	{ 0x0320, "AttachmateGateway" },
	{ 0x0327, "MicrosoftDiagnostiocs" },
	{ 0x0328, "WATCOM SQL Server" },
	{ 0x0335, "MultiTechSystems MultisynchCommServer" },
	{ 0x0343, "Xylogics RemoteAccessServer/LANModem" },
	{ 0x0355, "ArcadaBackupExec" },
	{ 0x0358, "MSLCD1" },
	{ 0x0361, "NETINELO" },
	{ 0x037e, "Powerchute UPS Monitoring" },
	{ 0x037f, "ViruSafeNotify" },
	{ 0x0386, "HP Bridge" },
	{ 0x0387, "HP Hub" },
	{ 0x0394, "NetWare SAA Gateway" },
	{ 0x039b, "LotusNotes" },
	{ 0x03b7, "CertusAntiVirus" },
	{ 0x03c4, "ARCserve4.0" },
	{ 0x03c7, "LANspool3.5" },
	{ 0x03d7, "LexmarkPrinterServer" },
	{ 0x03d8, "LexmarkXLE PrinterServer" },
	{ 0x03dd, "BanyanENS NetwareClient" },
	{ 0x03de, "GuptaSequelBaseServer/NetWareSQL" },
	{ 0x03e1, "UnivelUnixware" },
	{ 0x03e4, "UnivelUnixware" },
	{ 0x03fc, "IntelNetport" },
	{ 0x03fd, "PrintServerQueue" },
	{ 0x040a, "ipnServer" },
	{ 0x040d, "LVERRMAN" },
	{ 0x040e, "LVLIC" },
	{ 0x0414, "NET Silicon (DPI)/Kyocera" },
	{ 0x0429, "SiteLockVirus" },
	{ 0x0432, "UFHELPR???" },
	{ 0x0433, "Synoptics281xAdvancedSNMPAgent" },
	{ 0x0444, "MicrosoftNT SNA Server" },
	{ 0x0448, "Oracle" },
	{ 0x044c, "ARCserve5.01" },
	{ 0x0457, "CanonGP55" },
	{ 0x045a, "QMS Printers" },
	{ 0x045b, "DellSCSI Array" },
	{ 0x0491, "NetBlazerModems" },
	{ 0x04ac, "OnTimeScheduler" },
	{ 0x04b0, "CD-Net" },
	{ 0x0513, "EmulexNQA" },
	{ 0x0520, "SiteLockChecks" },
	{ 0x0529, "SiteLockChecks" },
	{ 0x052d, "CitrixOS2 AppServer" },
	{ 0x0535, "Tektronix" },
	{ 0x0536, "Milan" },
	{ 0x055d, "Attachmate SNA gateway" },
	{ 0x056b, "IBM8235 ModemServer" },
	{ 0x056c, "ShivaLanRover/E PLUS" },
	{ 0x056d, "ShivaLanRover/T PLUS" },
	{ 0x0580, "McAfeeNetShield" },
	{ 0x05b8, "NLM to workstation communication (Revelation Software)" },
	{ 0x05ba, "CompatibleSystemsRouters" },
	{ 0x05be, "CheyenneHierarchicalStorageManager" },
	{ 0x0606, "JCWatermarkImaging" },
	{ 0x060c, "AXISNetworkPrinter" },
	{ 0x0610, "AdaptecSCSIManagement" },
	{ 0x0621, "IBM AntiVirus" },
	{ 0x0640, "Windows95 RemoteRegistryService" },
	{ 0x064e, "MicrosoftIIS" },
	{ 0x067b, "Microsoft Win95/98 File and Print Sharing for NetWare" },
	{ 0x067c, "Microsoft Win95/98 File and Print Sharing for NetWare" },
	{ 0x076c, "Xerox" },
	{ 0x079b, "ShivaLanRover/E 115" },
	{ 0x079c, "ShivaLanRover/T 115" },
	{ 0x07b4, "CubixWorldDesk" },
	{ 0x07c2, "Quarterdeck IWare Connect V2.x NLM" },
	{ 0x07c1, "Quarterdeck IWare Connect V3.x NLM" },
	{ 0x0810, "ELAN License Server Demo" },
	{ 0x0824, "ShivaLanRoverAccessSwitch/E" },
	{ 0x086a, "ISSC Collector" },
	{ 0x087f, "ISSC DAS AgentAIX" },
	{ 0x0880, "Intel Netport PRO" },
	{ 0x0881, "Intel Netport PRO" },
	{ 0x0b29, "SiteLock" },
	{ 0x0c29, "SiteLockApplications" },
	{ 0x0c2c, "LicensingServer" },
	{ 0x2101, "PerformanceTechnologyInstantInternet" },
	{ 0x2380, "LAI SiteLock" },
	{ 0x238c, "MeetingMaker" },
	{ 0x4808, "SiteLockServer/SiteLockMetering" },
	{ 0x5555, "SiteLockUser" },
	{ 0x6312, "Tapeware" },
	{ 0x6f00, "RabbitGateway" },
	{ 0x7703, "MODEM" },
	{ 0x8002, "NetPortPrinters" },
	{ 0x8008, "WordPerfectNetworkVersion" },
	{ 0x85be, "Cisco EIGRP" },
	{ 0x8888, "WordPerfectNetworkVersion/QuickNetworkManagement" },
	{ 0x9000, "McAfeeNetShield" },
	{ 0x9604, "CSA-NT_MON" },
	{ 0xb6a8, "OceanIsleReachoutRemoteControl" },
	{ 0xf11f, "SiteLockMetering" },
	{ 0xf1ff, "SiteLock" },
	{ 0xf503, "Microsoft SQL Server" },
	{ 0xf905, "IBM TimeAndPlace" },
	{ 0xfbfb, "TopCallIII FaxServer" },
	{ 0xffff, "AnyService/Wildcard" },
	{ 0, NULL },
};

static void sap_type_print(struct pr_ctx *c, unsigned type)
{
	const char *s = c->o.nflag ? NULL : pr_tok(sap_type_names, type);

	if (s)
		pr_puts(c, s);
	else
		pr_printf(c, "%04x", type);
}

/* "net.node" as tcpdump's ipxaddr_string: 8 hex digits, then the MAC. */
static int addr_print(struct pr_ctx *c, const uint8_t *net, const uint8_t *node)
{
	uint32_t n;
	uint8_t a[6];

	PR_BE32(c, net, n);
	PR_COPY(c, node, a, 6);
	pr_printf(c, "%08x.%02x:%02x:%02x:%02x:%02x:%02x", n, a[0], a[1],
		  a[2], a[3], a[4], a[5]);
	return 0;
}

static int sap_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	uint16_t op, type;
	int i;

	PR_BE16(c, p, op);
	if (len < 2)
		goto invalid;
	p += 2;
	len -= 2;
	switch (op) {
	case 1:
	case 3:
		pr_puts(c, op == 1 ? "ipx-sap-req" : "ipx-sap-nearest-req");
		PR_BE16(c, p, type);
		pr_putc(c, ' ');
		sap_type_print(c, type);
		break;
	case 2:
	case 4:
		pr_puts(c, op == 2 ? "ipx-sap-resp" : "ipx-sap-nearest-resp");
		for (i = 0; i < 8 && len != 0; i++) {
			PR_NEED(c, p, 2);
			if (len < 2)
				goto invalid;
			PR_BE16(c, p, type);
			pr_putc(c, ' ');
			sap_type_print(c, type);
			pr_puts(c, " '");
			p += 2;
			len -= 2;
			if (len < 48) {
				pr_putc(c, '\'');
				goto invalid;
			}
			if (pr_printjnp(c, p, 48) == PR_STOP)
				return PR_STOP;
			pr_putc(c, '\'');
			p += 48;
			len -= 48;
			PR_NEED(c, p, 10);
			if (len < 10)
				goto invalid;
			pr_puts(c, " addr ");
			if (addr_print(c, p, p + 4) == PR_STOP)
				return PR_STOP;
			p += 10;
			len -= 10;
			PR_NEED(c, p, 4);
			if (len < 4)
				goto invalid;
			p += 4;
			len -= 4;
		}
		break;
	default:
		pr_printf(c, "ipx-sap-?%x", op);
		break;
	}
	return 0;
invalid:
	pr_invalid(c);
	return 0;
}

static int ipx_rip_print(struct pr_ctx *c, const uint8_t *p, unsigned len)
{
	uint16_t op, hops, ticks;
	uint32_t net;
	int i;

	PR_BE16(c, p, op);
	if (len < 2)
		goto invalid;
	p += 2;
	len -= 2;
	switch (op) {
	case 1:
		pr_puts(c, "ipx-rip-req");
		if (len != 0) {
			if (len < 8)
				goto invalid;
			PR_BE32(c, p, net);
			PR_BE16(c, p + 4, hops);
			PR_BE16(c, p + 6, ticks);
			pr_printf(c, " %08x/%u.%u", net, hops, ticks);
		}
		break;
	case 2:
		pr_puts(c, "ipx-rip-resp");
		for (i = 0; i < 50 && len != 0; i++, p += 8, len -= 8) {
			if (len < 8)
				goto invalid;
			PR_BE32(c, p, net);
			PR_BE16(c, p + 4, hops);
			PR_BE16(c, p + 6, ticks);
			pr_printf(c, " %08x/%u.%u", net, hops, ticks);
		}
		break;
	default:
		pr_printf(c, "ipx-rip-?%x", op);
		break;
	}
	return 0;
invalid:
	pr_invalid(c);
	return 0;
}

int ipx_print(struct pr_ctx *c, const uint8_t *p, unsigned length)
{
	uint16_t sskt, dskt, len;

	c->proto = "ipx";
	if (!c->o.eflag)
		pr_puts(c, "IPX ");
	PR_NEED(c, p + 18, 12);
	PR_BE16(c, p + 28, sskt);
	if (addr_print(c, p + 18, p + 22) == PR_STOP)
		return PR_STOP;
	pr_printf(c, ".%04x > ", sskt);
	PR_NEED(c, p + 6, 12);
	PR_BE16(c, p + 16, dskt);
	if (addr_print(c, p + 6, p + 10) == PR_STOP)
		return PR_STOP;
	pr_printf(c, ".%04x: ", dskt);
	(void)length; /* the header's own length counts, as in tcpdump */
	PR_BE16(c, p + 2, len);
	if (len < IPX_HDRLEN) {
		pr_printf(c, "[length %u < %u]", len, IPX_HDRLEN);
		pr_invalid(c);
		return 0;
	}
	p += IPX_HDRLEN;
	len -= IPX_HDRLEN;
	switch (dskt) {
	case IPX_SKT_NCP:
		pr_printf(c, "ipx-ncp %u", len);
		break;
	case IPX_SKT_SAP:
		return sap_print(c, p, len);
	case IPX_SKT_RIP:
		return ipx_rip_print(c, p, len);
	case IPX_SKT_NETBIOS:
		/* Debian's tcpdump has no SMB printer to go on with */
		pr_printf(c, "ipx-netbios %u", len);
		break;
	case IPX_SKT_DIAGNOSTICS:
		pr_printf(c, "ipx-diags %u", len);
		break;
	case IPX_SKT_NWLINK_DGM:
		pr_printf(c, "ipx-nwlink-dgm %u", len);
		break;
	case IPX_SKT_EIGRP:
		/* tcpdump goes on with EIGRP, which is not decoded here */
		pr_generic(c, "EIGRP");
		pr_printf(c, "ipx-#%x %u", dskt, len);
		break;
	default:
		pr_printf(c, "ipx-#%x %u", dskt, len);
		break;
	}
	return 0;
}
