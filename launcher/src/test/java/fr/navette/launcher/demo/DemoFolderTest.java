package fr.navette.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoFolderTest {
  @TempDir Path tmp;

  @Test
  void removesOnlyTheTemporaryFoldersNoRunningDemoHolds() throws Exception {
    Path abandoned = Files.createDirectories(tmp.resolve(DemoFolder.PREFIX + "1"));
    Files.writeString(abandoned.resolve(DemoFolder.LOCK), "4242\n"); // its process is gone: nobody locks it
    Files.createDirectories(abandoned.resolve("hub/broker"));
    Path starting = Files.createDirectories(tmp.resolve(DemoFolder.PREFIX + "2"));
    Files.createFile(starting.resolve(DemoFolder.LOCK)); // created, not yet locked: no pid in it yet
    Path notOurs = Files.createDirectories(tmp.resolve(DemoFolder.PREFIX + "3"));
    Path elsewhere = Files.createDirectories(tmp.resolve("other"));
    Files.writeString(elsewhere.resolve(DemoFolder.LOCK), "4242\n");
    try (DemoFolder running = DemoFolder.temporary(tmp)) {
      assertThat(DemoFolder.removeAbandoned(tmp)).containsExactly(abandoned);
      assertThat(abandoned).doesNotExist();
      assertThat(running.root()).isDirectory();
      assertThat(running.root().resolve(DemoFolder.LOCK)).content().isEqualTo(ProcessHandle.current().pid() + "\n");
      assertThat(starting).isDirectory();
      assertThat(notOurs).isDirectory();
      assertThat(elsewhere).isDirectory();
    }
  }

  @Test
  void aTemporaryFolderGoesAtCloseAndAKeptOneStays() throws Exception {
    Path temporary;
    try (DemoFolder folder = DemoFolder.temporary(tmp)) {
      temporary = folder.root();
      Files.writeString(Files.createDirectories(temporary.resolve("hub")).resolve("hub.db"), "x");
    }
    assertThat(temporary).doesNotExist();
    Path kept = tmp.resolve("kept");
    try (DemoFolder folder = DemoFolder.kept(kept)) {
      Files.writeString(folder.root().resolve("demo.log"), "x");
    }
    assertThat(kept.resolve("demo.log")).exists();
    assertThat(DemoFolder.removeAbandoned(tmp)).isEmpty(); // not named as a temporary one
  }

  @Test
  void aKeptFolderInUseByAnotherDemoIsRefusedWithItsName() throws Exception {
    Path kept = tmp.resolve("kept");
    try (DemoFolder running = DemoFolder.kept(kept)) {
      assertThatThrownBy(() -> DemoFolder.kept(kept))
          .hasMessageContaining("--data " + kept.toAbsolutePath())
          .hasMessageContaining("in use by another demo (process " + ProcessHandle.current().pid() + ")");
    }
    DemoFolder.kept(kept).close(); // free again once the first one stopped
  }
}
