package io.cdcsdk.testkit;

import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.Limits;
import io.cdcsdk.core.OnError;
import io.cdcsdk.core.Position;
import io.cdcsdk.core.ReadOptions;
import io.cdcsdk.core.internal.CdcJsonAdapter;
import io.cdcsdk.core.json.ChangeEventJson;
import io.cdcsdk.core.spi.FormatAdapter.Detection;
import io.cdcsdk.core.spi.FormatAdapter;
import io.cdcsdk.core.spi.FormatAdapter.Head;
import io.cdcsdk.core.spi.ReadContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/**
 * cdc-json with one bug planted each, under the contract: {@link ContractFindsPlantedBugsTest}
 * runs them and expects the case that should find the bug to fail. Not run on their own (the
 * names are not test names).
 */
final class PlantedBugs {
    private static final CdcJsonAdapter CDC_JSON = new CdcJsonAdapter();

    private PlantedBugs() {
    }

    /** The contract over the cdc-json sample, for an adapter with a bug. */
    abstract static class Base extends FormatAdapterContract {
        @Override
        protected List<Sample> samples() {
            return List.of(Sample.of("cdc-json/customers.cdc.ndjson", "cdc-json/customers.expected.ndjson"));
        }
    }

    /** Opens a reader the way the bug wants. */
    @FunctionalInterface
    interface Opener {
        ChangeReader open(InputStream in, ReadContext context) throws IOException;
    }

    static FormatAdapter adapter(Opener opener) {
        return new FormatAdapter() {
            @Override
            public String name() {
                return CdcJsonAdapter.NAME;
            }

            @Override
            public Detection detect(Head head) {
                return CDC_JSON.detect(head);
            }

            @Override
            public ChangeReader open(InputStream in, ReadContext context) throws IOException {
                return opener.open(in, context);
            }
        };
    }

    /** cdc-json opened with other options; reports under SKIP go through {@code report} first. */
    static ChangeReader reopen(InputStream in, ReadContext context, ReadOptions options,
                               java.util.function.Function<ChangeReadException, ChangeReadException> report) {
        ReadOptions o = options;
        if (options.onError() == OnError.SKIP) {
            Consumer<ChangeReadException> listener = context.options().skipListener();
            o = options.skipOnError(e -> listener.accept(report.apply(e)));
        }
        return CDC_JSON.open(in, ReadContext.of(context.sourceName(), o));
    }

    /** cdc-json, noting in {@code reported} when it reports a bad record under SKIP. */
    static ChangeReader noting(InputStream in, ReadContext context, boolean[] reported) {
        return reopen(in, context, context.options(), e -> {
            reported[0] = true;
            return e;
        });
    }

    /** A reader that forwards to another and may change what it throws or returns. */
    static class Forwarding implements ChangeReader {
        final ChangeReader delegate;

        Forwarding(ChangeReader delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean hasNext() {
            return delegate.hasNext();
        }

        @Override
        public ChangeEvent next() {
            return delegate.next();
        }

        @Override
        public Position position() {
            return delegate.position();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    /** Its errors quote the input. */
    static final class QuotesInput extends Base {
        @Override
        protected FormatAdapter adapter() {
            return PlantedBugs.adapter((in, context) -> {
                byte[] all = in.readAllBytes();
                String text = new String(all, StandardCharsets.UTF_8);
                java.util.function.Function<ChangeReadException, ChangeReadException> quote =
                        e -> new ChangeReadException(e.kind(), e.position(), e.detail() + " in " + text);
                ChangeReader r = reopen(new ByteArrayInputStream(all), context, context.options(), quote);
                return new Forwarding(r) {
                    @Override
                    public boolean hasNext() {
                        try {
                            return delegate.hasNext();
                        } catch (ChangeReadException e) {
                            throw quote.apply(e);
                        }
                    }
                };
            });
        }
    }

    /** detect reads past the end of a short head. */
    static final class DetectThrows extends Base {
        @Override
        protected FormatAdapter adapter() {
            FormatAdapter a = PlantedBugs.adapter(CDC_JSON::open);
            return new FormatAdapter() {
                @Override
                public String name() {
                    return a.name();
                }

                @Override
                public Detection detect(Head head) {
                    return head.text().charAt(40) == '{' ? Detection.CONTENT : Detection.NO;
                }

                @Override
                public ChangeReader open(InputStream in, ReadContext context) throws IOException {
                    return a.open(in, context);
                }
            };
        }
    }

    /** A bad record becomes an IllegalStateException, under FAIL and SKIP. */
    static final class ThrowsRuntimeException extends Base {
        @Override
        protected FormatAdapter adapter() {
            return PlantedBugs.adapter((in, context) -> new Forwarding(reopen(in, context, context.options(), e -> {
                throw new IllegalStateException("bad record");
            })) {
                @Override
                public boolean hasNext() {
                    try {
                        return delegate.hasNext();
                    } catch (ChangeReadException e) {
                        throw new IllegalStateException("bad record", e);
                    }
                }
            });
        }
    }

    /** Under SKIP it ends at the first bad record it reports. */
    static final class EndsAtFirstReport extends Base {
        @Override
        protected FormatAdapter adapter() {
            return PlantedBugs.adapter((in, context) -> {
                boolean[] reported = new boolean[1];
                return new Forwarding(noting(in, context, reported)) {
                    @Override
                    public boolean hasNext() {
                        return !reported[0] && delegate.hasNext() && !reported[0];
                    }
                };
            });
        }
    }

    /** Under FAIL it throws at a bad record and then reads on. */
    static final class ReadsOnAfterFail extends Base {
        @Override
        protected FormatAdapter adapter() {
            return PlantedBugs.adapter((in, context) -> {
                if (context.options().onError() == OnError.SKIP) {
                    return CDC_JSON.open(in, context);
                }
                java.util.ArrayDeque<ChangeReadException> pending = new java.util.ArrayDeque<>();
                ChangeReader r = CDC_JSON.open(in, ReadContext.of(context.sourceName(),
                        context.options().skipOnError(pending::add)));
                return new Forwarding(r) {
                    @Override
                    public boolean hasNext() {
                        boolean more = delegate.hasNext();
                        if (!pending.isEmpty()) {
                            throw pending.poll();
                        }
                        return more;
                    }
                };
            });
        }
    }

    /** Reads with the default limits, whatever it is given. */
    static final class IgnoresLimits extends Base {
        @Override
        protected FormatAdapter adapter() {
            return PlantedBugs.adapter((in, context) -> reopen(in, context,
                    context.options().withLimits(Limits.DEFAULTS), e -> e));
        }
    }

    /** Takes what one read call gives for the whole input. */
    static final class TakesOneRead extends Base {
        @Override
        protected FormatAdapter adapter() {
            return PlantedBugs.adapter((in, context) -> {
                byte[] b = new byte[1 << 16];
                int n = in.read(b);
                return CDC_JSON.open(new ByteArrayInputStream(b, 0, Math.max(n, 0)), context);
            });
        }
    }

    /** Writes decimals without their trailing zeros. */
    static final class LosesScale extends Base {
        @Override
        protected FormatAdapter adapter() {
            return PlantedBugs.adapter((in, context) -> new Forwarding(CDC_JSON.open(in, context)) {
                @Override
                public ChangeEvent next() {
                    String json = ChangeEventJson.toJson(delegate.next()).replace("1500.00", "1500");
                    return ChangeEventJson.fromJson(json);
                }
            });
        }
    }

    /** After a bad record under SKIP it gives the last event again, forever. */
    static final class Loops extends Base {
        @Override
        protected FormatAdapter adapter() {
            return PlantedBugs.adapter((in, context) -> {
                boolean[] reported = new boolean[1];
                return new Forwarding(noting(in, context, reported)) {
                    private ChangeEvent last;

                    @Override
                    public boolean hasNext() {
                        return reported[0] && last != null || delegate.hasNext();
                    }

                    @Override
                    public ChangeEvent next() {
                        if (reported[0] && last != null) {
                            return last;
                        }
                        last = delegate.next();
                        return last;
                    }
                };
            });
        }
    }
}
