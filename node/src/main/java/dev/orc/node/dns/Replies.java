package dev.orc.node.dns;

import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

import java.util.List;

/** The replies the cluster DNS server writes: answers, errors, and the cut-down form of an answer too big for UDP. */
final class Replies {
    private Replies() {
    }

    /**
     * The reply to a query with only this header (its id, opcode and RD bit), no question: what a query that cannot
     * be read gets.
     */
    static Message to(Header query, int rcode, boolean authoritative) {
        Message reply = new Message(query.getID());
        Header header = reply.getHeader();
        header.setFlag(Flags.QR);
        header.setOpcode(query.getOpcode());
        if (query.getFlag(Flags.RD)) {
            header.setFlag(Flags.RD);
        }
        header.setFlag(Flags.RA);
        if (authoritative) {
            header.setFlag(Flags.AA);
        }
        header.setRcode(rcode);
        return reply;
    }

    /** The answer to {@code query}: same id, question and RD bit; authoritative when {@code authoritative}. */
    static Message to(Message query, int rcode, boolean authoritative, List<Record> answers, List<Record> additionals) {
        Message reply = to(query.getHeader(), rcode, authoritative);
        query.getSection(Section.QUESTION).forEach(question -> reply.addRecord(question, Section.QUESTION));
        answers.forEach(answer -> reply.addRecord(answer, Section.ANSWER));
        additionals.forEach(additional -> reply.addRecord(additional, Section.ADDITIONAL));
        return reply;
    }

    /** {@code reply} cut to its header and question with the TC bit set, for a UDP answer that would not fit. */
    static Message truncated(Message reply) {
        Message cut = reply.clone();
        cut.removeAllRecords(Section.ANSWER);
        cut.removeAllRecords(Section.AUTHORITY);
        cut.removeAllRecords(Section.ADDITIONAL);
        cut.getHeader().setFlag(Flags.TC);
        return cut;
    }
}
