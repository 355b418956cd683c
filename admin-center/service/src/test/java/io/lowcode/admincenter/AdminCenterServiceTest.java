package io.lowcode.admincenter;

import io.lowcode.localstack.LocalStackTestResource;
import io.lowcode.localstack.testing.ServiceContractTest;
import io.lowcode.admincenter.api.AdminCenterClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class AdminCenterServiceTest extends ServiceContractTest {

    AdminCenterServiceTest() {
        super("admin-center", AdminCenterClient.class, c -> c.about());
    }
}
