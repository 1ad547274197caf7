package dev.orc.api.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads the string form of a label selector, reporting the column of the first problem. */
final class LabelSelectorParser {
    private static final int MAX_LENGTH = 16 * 1024;
    private static final String SPECIAL = ",=!()<>";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private enum Kind { WORD, EQUALS, DOUBLE_EQUALS, NOT_EQUALS, BANG, OPEN, CLOSE, COMMA, END }

    private record Token(Kind kind, String text, int column) {
        String shown() {
            return kind == Kind.END ? "end of input" : "\"" + text + "\"";
        }
    }

    private final String text;
    private final List<Token> tokens;
    private int next;

    LabelSelectorParser(String text) {
        this.text = text == null ? "" : text;
        if (this.text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("invalid label selector: longer than " + MAX_LENGTH + " characters");
        }
        this.tokens = lex();
    }

    LabelSelector parse() {
        Map<String, String> matchLabels = new LinkedHashMap<>();
        List<LabelSelectorRequirement> expressions = new ArrayList<>();
        if (peek().kind() == Kind.END) {
            return LabelSelector.everything();
        }
        while (true) {
            requirement(matchLabels, expressions);
            Token separator = take();
            if (separator.kind() == Kind.END) {
                return new LabelSelector(matchLabels, expressions);
            }
            if (separator.kind() != Kind.COMMA) {
                throw error(separator, "expected \",\" or end of input, found " + separator.shown());
            }
        }
    }

    private void requirement(Map<String, String> matchLabels, List<LabelSelectorRequirement> expressions) {
        Token first = take();
        if (first.kind() == Kind.BANG) {
            expressions.add(LabelSelectorRequirement.doesNotExist(key(take())));
            return;
        }
        String key = key(first);
        Token operator = peek();
        switch (operator.kind()) {
            case COMMA, END -> expressions.add(LabelSelectorRequirement.exists(key));
            case EQUALS, DOUBLE_EQUALS -> {
                take();
                String value = value();
                if (matchLabels.containsKey(key)) {
                    expressions.add(LabelSelectorRequirement.in(key, value));
                } else {
                    matchLabels.put(key, value);
                }
            }
            case NOT_EQUALS -> {
                take();
                expressions.add(LabelSelectorRequirement.notIn(key, value()));
            }
            case WORD -> {
                take();
                String op = switch (operator.text()) {
                    case "in" -> LabelSelectorRequirement.IN;
                    case "notin" -> LabelSelectorRequirement.NOT_IN;
                    default -> throw error(operator, "expected an operator (=, ==, !=, in, notin), found " + operator.shown());
                };
                expressions.add(new LabelSelectorRequirement(key, op, List.copyOf(valueSet(operator))));
            }
            default -> throw error(operator, "expected an operator (=, ==, !=, in, notin), found " + operator.shown());
        }
    }

    private Set<String> valueSet(Token operator) {
        Token open = take();
        if (open.kind() != Kind.OPEN) {
            throw error(open, "expected \"(\" after \"" + operator.text() + "\", found " + open.shown());
        }
        Set<String> values = new LinkedHashSet<>();
        if (peek().kind() == Kind.CLOSE) {
            throw error(peek(), "expected at least one value for \"" + operator.text() + "\"");
        }
        while (true) {
            values.add(value());
            Token after = take();
            if (after.kind() == Kind.CLOSE) {
                return values;
            }
            if (after.kind() != Kind.COMMA) {
                throw error(after, "expected \",\" or \")\", found " + after.shown());
            }
        }
    }

    private String key(Token token) {
        if (token.kind() != Kind.WORD) {
            throw error(token, "expected a label key, found " + token.shown());
        }
        String key = token.text();
        int slash = key.indexOf('/');
        String name = slash < 0 ? key : key.substring(slash + 1);
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            if (prefix.isEmpty() || prefix.length() > 253 || !DNS_SUBDOMAIN.matcher(prefix).matches()) {
                throw error(token, "label key \"" + key + "\" has an invalid prefix (a DNS subdomain like example.com)");
            }
        }
        if (name.isEmpty() || name.length() > 63 || !NAME.matcher(name).matches()) {
            throw error(token, "invalid label key \"" + key
                    + "\" (at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit)");
        }
        return key;
    }

    /** A value may be empty ({@code app=} selects an empty label), so a separator here means "". */
    private String value() {
        Token token = peek();
        if (token.kind() != Kind.WORD) {
            if (token.kind() == Kind.COMMA || token.kind() == Kind.CLOSE || token.kind() == Kind.END) {
                return "";
            }
            throw error(token, "expected a label value, found " + token.shown());
        }
        take();
        String value = token.text();
        if (value.length() > 63 || !NAME.matcher(value).matches()) {
            throw error(token, "invalid label value \"" + value
                    + "\" (at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit)");
        }
        return value;
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token take() {
        Token token = tokens.get(next);
        if (token.kind() != Kind.END) {
            next++;
        }
        return token;
    }

    private SelectorSyntaxException error(Token at, String problem) {
        return new SelectorSyntaxException(text, at.column(), problem);
    }

    private List<Token> lex() {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int column = i + 1;
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '=' && i + 1 < text.length() && text.charAt(i + 1) == '=') {
                out.add(new Token(Kind.DOUBLE_EQUALS, "==", column));
                i += 2;
            } else if (c == '!' && i + 1 < text.length() && text.charAt(i + 1) == '=') {
                out.add(new Token(Kind.NOT_EQUALS, "!=", column));
                i += 2;
            } else if (SPECIAL.indexOf(c) >= 0) {
                Kind kind = switch (c) {
                    case '=' -> Kind.EQUALS;
                    case '!' -> Kind.BANG;
                    case '(' -> Kind.OPEN;
                    case ')' -> Kind.CLOSE;
                    case ',' -> Kind.COMMA;
                    default -> throw new SelectorSyntaxException(text, column,
                            "unsupported operator \"" + c + "\" (use =, ==, !=, in, notin, or ! for absence)");
                };
                out.add(new Token(kind, String.valueOf(c), column));
                i++;
            } else {
                int start = i;
                while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && SPECIAL.indexOf(text.charAt(i)) < 0) {
                    i++;
                }
                out.add(new Token(Kind.WORD, text.substring(start, i), column));
            }
        }
        out.add(new Token(Kind.END, "", text.length() + 1));
        return out;
    }
}
