package dev.wasm2jar.compiler.internal.translate;

import static org.objectweb.asm.Opcodes.ATHROW;

import dev.wasm2jar.compiler.internal.abi.Builtin;
import org.objectweb.asm.Label;

/**
 * The polls of a module compiled with metering ({@code MeterOps}): a function's own method enters at its start and
 * leaves before each return and, through a handler around its whole body, on every exception; a loop polls at its
 * head, so each iteration spends fuel and sees a stop, in whichever method (a part of a split function too) the loop's
 * head is. Without metering nothing is emitted.
 *
 * <pre>
 * f(params..., self):  MeterOps.enter(self)  ...  MeterOps.leave(self); return
 *                      handler: MeterOps.leave(self); athrow
 * loop head:           MeterOps.poll(self)
 * </pre>
 */
final class Polls {
    private final EmitContext ctx;
    private final boolean on;
    private Label bodyStart;

    Polls(EmitContext ctx) {
        this.ctx = ctx;
        this.on = ctx.layout.metered();
    }

    /** At the start of a function's own method, before its body. */
    void enterFunction() {
        if (!on) {
            return;
        }
        bodyStart = new Label();
        ctx.mv.visitLabel(bodyStart);
        call(Builtin.METER_ENTER); // inside the handler's range: a call refused there is given back too
    }

    /** Before a function's own method returns; its results may be on the stack. */
    void beforeReturn() {
        if (on) {
            call(Builtin.METER_LEAVE);
        }
    }

    /** At the head of a loop, where every iteration starts. */
    void loopHead() {
        if (on) {
            call(Builtin.METER_POLL);
        }
    }

    /** After a function's own method's body: the handler that leaves on the way out of an exception. */
    void finishFunction() {
        if (!on) {
            return;
        }
        Label bodyEnd = new Label();
        Label handler = new Label();
        ctx.mv.visitLabel(bodyEnd);
        // Entered into the exception table last: the JVM takes the first range that matches, and the ranges of the
        // body's try_tables, inside this one, must come first (TryTables).
        ctx.mv.visitTryCatchBlock(bodyStart, bodyEnd, handler, null);
        ctx.mv.visitLabel(handler);
        call(Builtin.METER_LEAVE);
        ctx.mv.visitInsn(ATHROW);
    }

    private void call(Builtin poll) {
        ctx.loadSelf();
        poll.invoke(ctx.mv);
    }
}
