package io.lowcode.workstation;

import io.lowcode.localstack.LocalStackTestResource;
import io.lowcode.localstack.testing.ServiceContractTest;
import io.lowcode.workstation.api.WorkstationClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class WorkstationServiceTest extends ServiceContractTest {

    WorkstationServiceTest() {
        super("workstation", WorkstationClient.class, c -> c.about());
    }
}
