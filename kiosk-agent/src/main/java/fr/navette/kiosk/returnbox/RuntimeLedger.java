package fr.navette.kiosk.returnbox;

import fr.navette.agent.DeviceRuntime;
import fr.navette.agent.RequestClient;
import fr.navette.reader.Uid;
import fr.navette.schema.Channel;
import fr.navette.schema.EventCodec;
import fr.navette.schema.ReturnEvent;
import fr.navette.schema.ReturnProblemEvent;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The ledger over the agent runtime: events go to the durable outbox, and the hub's answer to a return comes
 * on the device's response topic with the event id as request id (the hub sends it once the checkin is done).
 */
public final class RuntimeLedger implements ReturnLedger {
  private final DeviceRuntime runtime;

  public RuntimeLedger(DeviceRuntime runtime) {
    this.runtime = runtime;
  }

  @Override
  public PendingCheckin recordReturn(String itemId, Instant returnedAt, boolean offline) {
    AtomicReference<RequestClient.PendingAnswer> answer = new AtomicReference<>();
    try {
      runtime.record(Channel.RETURN, header -> {
        // Awaited before the event is even stored, so that no answer can arrive before anyone listens.
        if (!offline) {
          answer.set(runtime.requests().expect(header.eventId()));
        }
        return EventCodec.encode(new ReturnEvent(header, itemId, returnedAt, offline));
      });
    } catch (RuntimeException e) {
      if (answer.get() != null) {
        answer.get().cancel();
      }
      throw e;
    }
    RequestClient.PendingAnswer pending = answer.get();
    return pending == null ? PendingCheckin.NEVER : pending::await;
  }

  @Override
  public void recordProblem(Optional<Uid> uid, Optional<String> itemId, ReturnProblemEvent.Problem problem,
                            String detail, Instant returnedAt) {
    runtime.record(Channel.RETURN_PROBLEM, header -> EventCodec.encode(new ReturnProblemEvent(header,
        uid.map(Uid::toString), itemId, problem, detail, returnedAt)));
  }

  @Override
  public boolean hubReachable() {
    return runtime.session().isConnected();
  }
}
