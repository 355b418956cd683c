package io.lowcode.portal;

import io.lowcode.localstack.LocalStackTestResource;
import io.lowcode.localstack.testing.ServiceContractTest;
import io.lowcode.portal.api.PortalClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class PortalServiceTest extends ServiceContractTest {

    PortalServiceTest() {
        super("portal", PortalClient.class, c -> c.about());
    }
}
