package io.cdcsdk.examples.cli;

import io.cdcsdk.core.CdcException;
import io.cdcsdk.core.ChangeEvent;
import io.cdcsdk.core.ChangeReadException;
import io.cdcsdk.core.ChangeReader;
import io.cdcsdk.core.OnError;
import io.cdcsdk.core.ReadOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Reads files on reader threads while the calling thread consumes their events: the files are read
 * in their order by up to {@code threads} readers at once, and {@link #drain} hands the calling
 * thread one whole file after the other, so the events, the skipped records and the failures arrive
 * in the order of a plain loop over the files.
 *
 * <p>Each file's reader hands its events over in batches through a bounded channel. The bound is an
 * estimate of the bytes the events were read from (the distance between the byte offsets of
 * consecutive records, {@link #DEFAULT_COST} where the reader gives none), so a few large records
 * fill it as a thousand small ones do: memory does not grow with the input. A reader that fails
 * stops at the failing record: its channel ends with the failure after the events before it. Under
 * {@link OnError#SKIP} the skipped records travel in the channel too, and the listener of the
 * options is called on the draining thread, in order.
 */
final class FileReaders implements AutoCloseable {
    /** Opens one file with the options a reader thread gives (its own skip listener). */
    interface Opener {
        ChangeReader open(Path file, ReadOptions options) throws IOException;
    }

    /** Takes the events of the files, on the draining thread. */
    interface Sink {
        void accept(ChangeEvent event) throws IOException;
    }

    /** Estimated bytes of an event whose reader gives no byte offsets, and of a skipped record. */
    static final long DEFAULT_COST = 1024;
    /** A batch is handed over at this many items or this many estimated bytes. */
    private static final int BATCH_ITEMS = 256;
    private static final long BATCH_BYTES = 64 * 1024;
    /** A reader waits while its channel holds this many estimated bytes. */
    private static final long CHANNEL_BYTES = 1024 * 1024;

    private final List<Path> files;
    private final Channel[] channels;
    private final ReadOptions options;
    private final ExecutorService pool;
    private int next;

    private FileReaders(List<Path> files, int threads, Opener opener, ReadOptions options) {
        this.files = files;
        this.options = options;
        this.channels = new Channel[files.size()];
        this.pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, files.size())), r -> {
            Thread t = new Thread(r, "cdc-reader");
            t.setDaemon(true);
            return t;
        });
        // One task per file, in file order: the pool's queue is first in, first out, so the file
        // drained next has always been started and a reader blocked on a full channel of a later
        // file never keeps it from being read.
        for (int i = 0; i < channels.length; i++) {
            Channel channel = new Channel();
            channels[i] = channel;
            Path file = files.get(i);
            pool.execute(() -> read(file, opener, channel));
        }
    }

    /**
     * Starts reading {@code files} on up to {@code threads} threads.
     *
     * @param options the options of every file; under {@link OnError#SKIP} their listener is called by
     *                {@link #drain}
     */
    static FileReaders start(List<Path> files, int threads, Opener opener, ReadOptions options) {
        return new FileReaders(files, threads, opener, options);
    }

    /**
     * Hands the events of the next file to {@code sink}, and its skipped records to the options'
     * listener, in their order.
     *
     * @return null when the file was read to its end, or the one-line description of why it was
     *         not: its failure, or the exception of the sink, after which its reader is stopped
     */
    String drain(Sink sink) {
        Path file = files.get(next);
        Channel channel = channels[next++];
        try {
            while (true) {
                Batch batch = channel.take();
                for (int i = 0; i < batch.count; i++) {
                    if (batch.items[i] instanceof ChangeEvent event) {
                        sink.accept(event);
                    } else {
                        options.skipListener().accept((ChangeReadException) batch.items[i]);
                    }
                }
                if (batch.last) {
                    return batch.failure;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            channel.cancel();
            return file + ": interrupted";
        } catch (IOException | RuntimeException e) {
            channel.cancel();
            return failure(file, e);
        }
    }

    /** Stops the readers still running and waits for them to close their files. */
    @Override
    public void close() {
        for (Channel channel : channels) {
            channel.cancel();
        }
        pool.shutdownNow();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The task of one file, on a reader thread. */
    private void read(Path file, Opener opener, Channel channel) {
        Batcher batcher = new Batcher(channel);
        ReadOptions fileOptions = options.onError() == OnError.SKIP
                ? options.skipOnError(e -> batcher.add(e, DEFAULT_COST))
                : options;
        String failure = null;
        try (ChangeReader reader = opener.open(file, fileOptions)) {
            long previous = -1;
            while (reader.hasNext()) {
                ChangeEvent event = reader.next();
                long offset = reader.position().byteOffset();
                long cost = previous >= 0 && offset > previous ? offset - previous : DEFAULT_COST;
                previous = offset;
                batcher.add(event, cost);
            }
        } catch (Cancelled e) {
            return;
        } catch (IOException | RuntimeException e) {
            failure = failure(file, e);
        }
        try {
            batcher.end(failure);
        } catch (Cancelled e) {
            // the draining thread is done with this file
        }
    }

    /** The one-line description of an exception met while reading or writing the events of a file. */
    static String failure(Path file, Exception e) {
        if (e instanceof CdcException) {
            String message = e.getMessage();
            return message.startsWith(file.toString()) ? message : file + ": " + message;
        } else if (e instanceof IOException || e instanceof UncheckedIOException) {
            return file + ": cannot read input (" + e.getClass().getSimpleName() + ")";
        }
        // an adapter bug: name it without its message, which could quote input
        return file + ": unexpected " + e.getClass().getName() + " while reading";
    }

    /** Items of one file in order: events and skipped records; the last batch carries the end. */
    private record Batch(Object[] items, int count, long bytes, boolean last, String failure) {
    }

    /** Thrown on a reader thread when the draining thread no longer wants its file. */
    private static final class Cancelled extends RuntimeException {
        Cancelled() {
            super(null, null, false, false);
        }
    }

    /** Fills batches on a reader thread and puts them into the file's channel. */
    private static final class Batcher {
        private final Channel channel;
        private Object[] items = new Object[BATCH_ITEMS];
        private int count;
        private long bytes;

        Batcher(Channel channel) {
            this.channel = channel;
        }

        void add(Object item, long cost) {
            items[count++] = item;
            bytes += cost;
            if (count == BATCH_ITEMS || bytes >= BATCH_BYTES) {
                put(false, null);
            }
        }

        void end(String failure) {
            put(true, failure);
        }

        private void put(boolean last, String failure) {
            channel.put(new Batch(items, count, bytes, last, failure));
            items = last ? null : new Object[BATCH_ITEMS];
            count = 0;
            bytes = 0;
        }
    }

    /** The batches of one file between its reader and the draining thread, bounded by estimated bytes. */
    private static final class Channel {
        private final ArrayDeque<Batch> batches = new ArrayDeque<>();
        private long bytes;
        private boolean cancelled;

        synchronized void put(Batch batch) {
            try {
                while (bytes >= CHANNEL_BYTES && !cancelled) {
                    wait();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancelled = true;
            }
            if (cancelled) {
                throw new Cancelled();
            }
            batches.add(batch);
            bytes += batch.bytes;
            notifyAll();
        }

        synchronized Batch take() throws InterruptedException {
            while (batches.isEmpty()) {
                wait();
            }
            Batch batch = batches.poll();
            bytes -= batch.bytes;
            notifyAll();
            return batch;
        }

        synchronized void cancel() {
            cancelled = true;
            batches.clear();
            notifyAll();
        }
    }
}
