// Runs epubcheck on several EPUBs in one JVM (for tests/epub.test.ts): the same checks and the same
// JSON report as `java -jar epubcheck.jar FILE --json FILE.json`, without paying the JVM start and the
// schema compilation for every file (about 9 s, then 0.1 to 0.5 s per EPUB).
// Usage: java -cp /usr/share/java/epubcheck.jar tests/tools/EpubcheckBatch.java A.epub B.epub ...
// Writes A.epub.json, B.epub.json ... (epubcheck's CheckingReport, the --json format).
import com.adobe.epubcheck.api.EpubCheck;
import com.adobe.epubcheck.reporting.CheckingReport;
import java.io.File;

public class EpubcheckBatch {
  public static void main(String[] args) {
    int failures = 0;
    for (String path : args) {
      try {
        CheckingReport report = new CheckingReport(path, path + ".json");
        report.initialize();
        new EpubCheck(new File(path), report).doValidate();
        report.generate();
      } catch (Exception e) {
        failures++;
        System.err.println(path + ": " + e);
      }
    }
    System.exit(failures == 0 ? 0 : 1);
  }
}
