package dev.orc.node.dns;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A DNS message (RFC 1035 section 4): header, questions and the three record sections. Reading follows name
 * compression pointers (bounded, so a pointer loop is an error, not a hang) and expands names inside CNAME
 * and SRV data; writing writes names in full.
 */
public record DnsMessage(int id, int flags, List<Question> questions, List<DnsRecord> answers,
                         List<DnsRecord> authorities, List<DnsRecord> additionals) {
    public static final int NOERROR = 0;
    public static final int FORMERR = 1;
    public static final int SERVFAIL = 2;
    public static final int NXDOMAIN = 3;
    public static final int NOTIMP = 4;

    private static final int QR = 0x8000;
    private static final int AA = 0x0400;
    private static final int TC = 0x0200;
    private static final int RD = 0x0100;
    private static final int RA = 0x0080;
    private static final int MAX_POINTER_JUMPS = 32;

    public record Question(String name, int type, int dnsClass) {
    }

    public DnsMessage {
        questions = List.copyOf(questions);
        answers = List.copyOf(answers);
        authorities = List.copyOf(authorities);
        additionals = List.copyOf(additionals);
    }

    public static DnsMessage query(int id, String name, int type) {
        return new DnsMessage(id, RD, List.of(new Question(name, type, DnsRecord.IN)), List.of(), List.of(), List.of());
    }

    /** The answer to {@code query}: same id, question and RD bit; authoritative when {@code authoritative}. */
    public static DnsMessage response(DnsMessage query, int rcode, boolean authoritative, List<DnsRecord> answers,
                                      List<DnsRecord> additionals) {
        int flags = QR | (query.flags & 0x7800) | (query.flags & RD) | RA | (authoritative ? AA : 0) | (rcode & 0xF);
        return new DnsMessage(query.id, flags, query.questions, answers, List.of(), additionals);
    }

    public int rcode() {
        return flags & 0xF;
    }

    public boolean isResponse() {
        return (flags & QR) != 0;
    }

    public boolean authoritative() {
        return (flags & AA) != 0;
    }

    public boolean truncated() {
        return (flags & TC) != 0;
    }

    public int opcode() {
        return (flags >> 11) & 0xF;
    }

    public static DnsMessage parse(byte[] bytes, int length) throws DnsFormatException {
        Reader in = new Reader(bytes, length);
        int id = in.u16();
        int flags = in.u16();
        int qd = in.u16();
        int an = in.u16();
        int ns = in.u16();
        int ar = in.u16();
        List<Question> questions = new ArrayList<>();
        for (int i = 0; i < qd; i++) {
            questions.add(new Question(in.name(), in.u16(), in.u16()));
        }
        return new DnsMessage(id, flags, questions, in.records(an), in.records(ns), in.records(ar));
    }

    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        writeShort(out, id);
        writeShort(out, flags);
        writeShort(out, questions.size());
        writeShort(out, answers.size());
        writeShort(out, authorities.size());
        writeShort(out, additionals.size());
        for (Question q : questions) {
            writeName(out, q.name());
            writeShort(out, q.type());
            writeShort(out, q.dnsClass());
        }
        for (List<DnsRecord> section : List.of(answers, authorities, additionals)) {
            for (DnsRecord r : section) {
                writeName(out, r.name());
                writeShort(out, r.type());
                writeShort(out, r.dnsClass());
                writeShort(out, (int) (r.ttl() >>> 16));
                writeShort(out, (int) r.ttl());
                writeShort(out, r.data().length);
                out.writeBytes(r.data());
            }
        }
        return out.toByteArray();
    }

    /** This message cut to its header and question with the TC bit set, for a UDP answer that would not fit. */
    public DnsMessage truncatedCopy() {
        return new DnsMessage(id, flags | TC, questions, List.of(), List.of(), List.of());
    }

    static void writeShort(ByteArrayOutputStream out, int value) {
        out.write((value >> 8) & 255);
        out.write(value & 255);
    }

    static void writeName(ByteArrayOutputStream out, String name) {
        String trimmed = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (!trimmed.isEmpty()) {
            for (String label : trimmed.split("\\.")) {
                byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
                if (bytes.length == 0 || bytes.length > 63) {
                    throw new IllegalArgumentException("invalid DNS name \"" + name + "\": labels must be 1-63 characters");
                }
                out.write(bytes.length);
                out.writeBytes(bytes);
            }
        }
        out.write(0);
    }

    private static final class Reader {
        private final byte[] bytes;
        private final int length;
        private int position;

        Reader(byte[] bytes, int length) {
            this.bytes = bytes;
            this.length = length;
        }

        int u8() throws DnsFormatException {
            if (position >= length) {
                throw new DnsFormatException("message ends at byte " + length + " inside a field");
            }
            return bytes[position++] & 255;
        }

        int u16() throws DnsFormatException {
            return (u8() << 8) | u8();
        }

        long u32() throws DnsFormatException {
            return ((long) u16() << 16) | u16();
        }

        String name() throws DnsFormatException {
            StringBuilder name = new StringBuilder();
            int at = position;
            int resumeAt = -1;
            for (int jumps = 0; ; ) {
                if (at >= length) {
                    throw new DnsFormatException("name runs past the end of the message");
                }
                int len = bytes[at] & 255;
                if ((len & 0xC0) == 0xC0) {
                    if (at + 1 >= length || ++jumps > MAX_POINTER_JUMPS) {
                        throw new DnsFormatException("bad name compression pointer at byte " + at);
                    }
                    if (resumeAt < 0) {
                        resumeAt = at + 2;
                    }
                    at = ((len & 0x3F) << 8) | (bytes[at + 1] & 255);
                    continue;
                }
                if (len > 63) {
                    throw new DnsFormatException("label length " + len + " at byte " + at);
                }
                if (len == 0) {
                    position = resumeAt >= 0 ? resumeAt : at + 1;
                    return name.toString();
                }
                if (at + 1 + len > length || name.length() + len > 255) {
                    throw new DnsFormatException("name runs past the end of the message or past 255 characters");
                }
                if (!name.isEmpty()) {
                    name.append('.');
                }
                name.append(new String(bytes, at + 1, len, StandardCharsets.US_ASCII));
                at += 1 + len;
            }
        }

        List<DnsRecord> records(int count) throws DnsFormatException {
            List<DnsRecord> records = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String name = name();
                int type = u16();
                int dnsClass = u16();
                long ttl = u32();
                int dataLength = u16();
                int end = position + dataLength;
                if (end > length) {
                    throw new DnsFormatException("record data of " + name + " runs past the end of the message");
                }
                byte[] data;
                if (type == DnsRecord.CNAME) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    writeName(out, name());
                    data = out.toByteArray();
                } else if (type == DnsRecord.SRV) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    writeShort(out, u16());
                    writeShort(out, u16());
                    writeShort(out, u16());
                    writeName(out, name());
                    data = out.toByteArray();
                } else {
                    data = Arrays.copyOfRange(bytes, position, end);
                }
                position = end;
                records.add(new DnsRecord(name, type, dnsClass, ttl, data));
            }
            return records;
        }
    }
}
