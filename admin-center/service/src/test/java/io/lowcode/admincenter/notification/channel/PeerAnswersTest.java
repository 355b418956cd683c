package io.lowcode.admincenter.notification.channel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How the channels read their peers' answers. */
class PeerAnswersTest {

    @Test
    void clientErrorsArePermanentButTimeoutsThrottlingAndServerErrorsAreRetried() {
        assertThat(DeliveryFailure.ofHttpStatus("p", 400, "bad").permanent()).isTrue();
        assertThat(DeliveryFailure.ofHttpStatus("p", 401, "").permanent()).isTrue();
        assertThat(DeliveryFailure.ofHttpStatus("p", 404, null).permanent()).isTrue();
        assertThat(DeliveryFailure.ofHttpStatus("p", 408, "").permanent()).isFalse();
        assertThat(DeliveryFailure.ofHttpStatus("p", 429, "").permanent()).isFalse();
        assertThat(DeliveryFailure.ofHttpStatus("p", 500, "").permanent()).isFalse();
        assertThat(DeliveryFailure.ofHttpStatus("p", 503, "x".repeat(500)).getMessage()).hasSizeLessThan(260);
    }

    @Test
    void aBotThatAnswers200WithAnErrorCodeRefusedTheMessage() {
        assertThat(ImSender.refusal(ImFormat.DINGTALK, "{\"errcode\":0,\"errmsg\":\"ok\"}")).isNull();
        assertThat(ImSender.refusal(ImFormat.DINGTALK, "{\"errcode\":310000,\"errmsg\":\"sign not match\"}"))
                .isEqualTo("code 310000 sign not match");
        assertThat(ImSender.refusal(ImFormat.WECOM, "{\"errcode\":93000,\"errmsg\":\"invalid webhook url\"}"))
                .contains("93000");
        assertThat(ImSender.refusal(ImFormat.FEISHU, "{\"code\":19021,\"msg\":\"sign match fail\"}"))
                .isEqualTo("code 19021 sign match fail");
        assertThat(ImSender.refusal(ImFormat.FEISHU, "{\"code\":0,\"msg\":\"success\"}")).isNull();
        assertThat(ImSender.refusal(ImFormat.SLACK, "ok")).isNull();
        assertThat(ImSender.refusal(ImFormat.GENERIC, "{\"errcode\":1}")).isNull();
    }
}
