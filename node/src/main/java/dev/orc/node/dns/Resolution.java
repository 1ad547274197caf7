package dev.orc.node.dns;

import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Record;

import java.util.List;

/** What the cluster zone makes of one question. */
public sealed interface Resolution {
    /** Answered here: an rcode, answer records and additional records. */
    record Answer(int rcode, List<Record> answers, List<Record> additionals) implements Resolution {
        public Answer {
            answers = List.copyOf(answers);
            additionals = List.copyOf(additionals);
        }
    }

    /** Not a cluster name: ask the upstream resolvers. */
    record Forward() implements Resolution {
    }

    /** An ExternalName: answer {@code cname}, followed by what the upstream says about its target. */
    record Chase(CNAMERecord cname, String target, int type) implements Resolution {
    }
}
