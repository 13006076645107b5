package fr.navette.kiosk.selfcheck;

import fr.navette.agent.RequestTimeoutException;
import fr.navette.schema.SigbRequest;
import fr.navette.schema.SigbResponse;

/** How the kiosk puts a question to the SIGB: through the hub, {@code RequestClient::ask} in the agent. */
@FunctionalInterface
public interface SigbAsk {
  SigbResponse ask(SigbRequest request) throws RequestTimeoutException;
}
