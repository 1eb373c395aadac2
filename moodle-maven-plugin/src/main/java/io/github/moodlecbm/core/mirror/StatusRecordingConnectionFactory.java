package io.github.moodlecbm.core.mirror;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.net.Proxy;
import java.net.URL;
import java.security.GeneralSecurityException;
import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;
import org.eclipse.jgit.transport.http.HttpConnection;
import org.eclipse.jgit.transport.http.HttpConnectionFactory;
import org.eclipse.jgit.transport.http.HttpConnectionFactory2;

/**
 * The transport's own HTTP connections, each telling the trace the status the server answered
 * when JGit reads it. Everything else is the wrapped factory's: proxies, TLS settings, and the
 * session JGit uses to relax TLS checks when {@code http.sslVerify} is false (it is given the
 * wrapped factory's own connection, which it needs).
 */
final class StatusRecordingConnectionFactory implements HttpConnectionFactory2 {
  private final HttpConnectionFactory factory;
  private final TransportTrace trace;

  StatusRecordingConnectionFactory(HttpConnectionFactory factory, TransportTrace trace) {
    this.factory = factory;
    this.trace = trace;
  }

  @Override
  public HttpConnection create(URL url) throws IOException {
    return new Recording(factory.create(url));
  }

  @Override
  public HttpConnection create(URL url, Proxy proxy) throws IOException {
    return new Recording(factory.create(url, proxy));
  }

  @Override
  public GitSession newSession() {
    if (!(factory instanceof HttpConnectionFactory2 sessions)) {
      // JGit relaxes the TLS checks of each connection itself, through the connection's methods.
      return null;
    }
    GitSession session = sessions.newSession();
    return new GitSession() {
      @Override
      public HttpConnection configure(HttpConnection connection, boolean sslVerify)
          throws IOException, GeneralSecurityException {
        session.configure(connection instanceof Recording r ? r.connection : connection, sslVerify);
        return connection;
      }

      @Override
      public void close() {
        session.close();
      }
    };
  }

  private final class Recording implements HttpConnection {
    private final HttpConnection connection;

    Recording(HttpConnection connection) {
      this.connection = connection;
    }

    @Override
    public int getResponseCode() throws IOException {
      int status = connection.getResponseCode();
      trace.answered(status);
      return status;
    }

    @Override
    public URL getURL() {
      return connection.getURL();
    }

    @Override
    public String getResponseMessage() throws IOException {
      return connection.getResponseMessage();
    }

    @Override
    public Map<String, List<String>> getHeaderFields() {
      return connection.getHeaderFields();
    }

    @Override
    public void setRequestProperty(String key, String value) {
      connection.setRequestProperty(key, value);
    }

    @Override
    public void setRequestMethod(String method) throws ProtocolException {
      connection.setRequestMethod(method);
    }

    @Override
    public void setUseCaches(boolean usecaches) {
      connection.setUseCaches(usecaches);
    }

    @Override
    public void setConnectTimeout(int timeout) {
      connection.setConnectTimeout(timeout);
    }

    @Override
    public void setReadTimeout(int timeout) {
      connection.setReadTimeout(timeout);
    }

    @Override
    public String getContentType() {
      return connection.getContentType();
    }

    @Override
    public InputStream getInputStream() throws IOException {
      return connection.getInputStream();
    }

    @Override
    public String getHeaderField(String name) {
      return connection.getHeaderField(name);
    }

    @Override
    public List<String> getHeaderFields(String name) {
      return connection.getHeaderFields(name);
    }

    @Override
    public int getContentLength() {
      return connection.getContentLength();
    }

    @Override
    public void setInstanceFollowRedirects(boolean followRedirects) {
      connection.setInstanceFollowRedirects(followRedirects);
    }

    @Override
    public void setDoOutput(boolean dooutput) {
      connection.setDoOutput(dooutput);
    }

    @Override
    public void setFixedLengthStreamingMode(int contentLength) {
      connection.setFixedLengthStreamingMode(contentLength);
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
      return connection.getOutputStream();
    }

    @Override
    public void setChunkedStreamingMode(int chunklen) {
      connection.setChunkedStreamingMode(chunklen);
    }

    @Override
    public String getRequestMethod() {
      return connection.getRequestMethod();
    }

    @Override
    public boolean usingProxy() {
      return connection.usingProxy();
    }

    @Override
    public void connect() throws IOException {
      connection.connect();
    }

    @Override
    public void configure(KeyManager[] km, TrustManager[] tm, SecureRandom random)
        throws NoSuchAlgorithmException, KeyManagementException {
      connection.configure(km, tm, random);
    }

    @Override
    public void setHostnameVerifier(HostnameVerifier hostnameverifier)
        throws NoSuchAlgorithmException, KeyManagementException {
      connection.setHostnameVerifier(hostnameverifier);
    }
  }
}
