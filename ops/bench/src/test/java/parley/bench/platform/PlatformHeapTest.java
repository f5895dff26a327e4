package parley.bench.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PlatformHeapTest {

    @Test
    void readsUsedHeapFromG1HeapInfo() {
        String info = """
                13396:
                 garbage-first heap   total 1048576K, used 203119K [0x00000000c0000000, 0x0000000100000000)
                  region size 1024K, 2 young (2048K), 0 survivors (0K)
                 Metaspace       used 119029K, committed 120192K, reserved 1179648K
                """;
        assertThat(PlatformHeap.usedBytes(info)).isEqualTo(203119L * 1024);
    }

    @Test
    void anAnswerWithoutAHeapLineIsAnError() {
        assertThatThrownBy(() -> PlatformHeap.usedBytes("13396:\nNo such process")).isInstanceOf(IllegalStateException.class);
    }
}
