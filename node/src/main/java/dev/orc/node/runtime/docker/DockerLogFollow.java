package dev.orc.node.runtime.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import dev.orc.node.runtime.ContainerRuntimeException;
import dev.orc.node.runtime.LogFollow;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/** A log read running on docker-java's thread; completes when the stream ends, fails or is closed. */
final class DockerLogFollow extends ResultCallback.Adapter<Frame> implements LogFollow {

    private final LogFrames frames;
    private final Function<RuntimeException, RuntimeException> translate;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile Throwable failure;
    private final AtomicBoolean closed = new AtomicBoolean();

    DockerLogFollow(LogFrames frames, Function<RuntimeException, RuntimeException> translate) {
        this.frames = frames;
        this.translate = translate;
    }

    @Override
    public void onNext(Frame frame) {
        if (closed.get()) {
            return;
        }
        if (!frames.accept(frame)) {
            close();
        }
    }

    @Override
    public void onError(Throwable throwable) {
        if (!closed.get()) {
            failure = throwable;
        }
        close();
    }

    @Override
    public void onComplete() {
        if (!closed.get()) {
            frames.flush();
        }
        close();
    }

    @Override
    public boolean await(Duration timeout) {
        try {
            if (!done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContainerRuntimeException("interrupted while reading logs", e);
        }
        Throwable f = failure;
        if (f instanceof RuntimeException re) {
            throw translate.apply(re);
        }
        if (f != null) {
            throw new ContainerRuntimeException("reading logs failed: " + f.getMessage(), f);
        }
        return true;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            super.close();
        } catch (IOException e) {
            failure = e;
        } finally {
            done.countDown();
        }
    }
}
