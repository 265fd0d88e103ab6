package org.netlab.rpc.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import javax.xml.parsers.SAXParserFactory;
import org.apache.xmlrpc.common.TypeFactoryImpl;
import org.apache.xmlrpc.common.XmlRpcHttpRequestConfigImpl;
import org.apache.xmlrpc.serializer.DefaultXMLWriterFactory;
import org.apache.xmlrpc.serializer.XmlRpcWriter;
import org.apache.xmlrpc.serializer.XmlWriterFactory;
import org.junit.jupiter.api.Test;
import org.xml.sax.Attributes;
import org.xml.sax.helpers.DefaultHandler;

class XmlRpcTextWriterFactoryTest {
  private static final XmlRpcHttpRequestConfigImpl CONFIG = config();

  @Test
  void textOfTheBasicMultilingualPlaneIsWrittenByteForByteAsApacheWritesIt() throws Exception {
    for (String text :
        List.of(
            "",
            "plain ASCII",
            "& < > \" '",
            "<a href=\"x\">&amp;</a> ]]>",
            "café € 中文 ÿ",
            "\t\n\r line one\r\nline two",
            "\u007f\u0080\u009f\u00a0 \ud7ff\ue000\ufffd")) {
      assertArrayEquals(
          answer(text, new DefaultXMLWriterFactory()),
          answer(text, new XmlRpcTextWriterFactory()),
          text);
    }
  }

  @Test
  void everyPlaneIsWrittenAsWellFormedXmlThatReadsBackExactly() throws Exception {
    for (String text :
        List.of(
            "\uD83D\uDE00",
            "emoji \uD83D\uDE00 & ideograph \uD840\uDC00",
            "tertiary \uD880\uDC00 selector a\uDB40\uDD00",
            "private \uDB80\uDC00 \uDBFF\uDFFD")) {
      assertEquals(text, readBack(answer(text, new XmlRpcTextWriterFactory())));
    }
  }

  @Test
  void whatXmlCannotCarryIsWrittenAsTheReplacementCharacter() throws Exception {
    assertEquals(
        "lone \uFFFD \uFFFD nul \uFFFD bell \uFFFD non \uFFFD\uFFFD",
        readBack(
            answer(
                "lone \uD83D \uDE00 nul \u0000 bell \u0007 non \uFFFE\uFFFF",
                new XmlRpcTextWriterFactory())));
  }

  private static byte[] answer(String text, XmlWriterFactory writers) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new XmlRpcWriter(CONFIG, writers.getXmlWriter(CONFIG, out), new TypeFactoryImpl(null))
        .write(CONFIG, text);
    return out.toByteArray();
  }

  /** The text of the answer's value, as a strict XML parser reads it. */
  private static String readBack(byte[] answer) throws Exception {
    StringBuilder value = new StringBuilder();
    SAXParserFactory.newInstance()
        .newSAXParser()
        .parse(
            new ByteArrayInputStream(answer),
            new DefaultHandler() {
              private boolean inValue;

              @Override
              public void startElement(String uri, String local, String name, Attributes a) {
                inValue = name.equals("value");
              }

              @Override
              public void characters(char[] chars, int start, int length) {
                if (inValue) {
                  value.append(chars, start, length);
                }
              }
            });
    return value.toString();
  }

  private static XmlRpcHttpRequestConfigImpl config() {
    XmlRpcHttpRequestConfigImpl config = new XmlRpcHttpRequestConfigImpl();
    config.setEnabledForExtensions(false);
    config.setEnabledForExceptions(false);
    config.setEncoding(XmlRpcHttpRequestConfigImpl.UTF8_ENCODING);
    return config;
  }
}
