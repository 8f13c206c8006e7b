namespace SnoopRecorder.Capture.Tests.RealTraffic;

/// <summary>The nginx configuration of the real-traffic tests: one location per kind of response they check.</summary>
internal static class NginxConfig
{
    // master_process off: one process, running as the user who started it (no switch to "nobody", which could not
    // read a private temp directory), stopped by killing that one process.
    public static string Render(string prefix, int port, int upstreamPort) => $$"""
        daemon off;
        master_process off;
        worker_processes 1;
        pid {{prefix}}/nginx.pid;
        error_log {{prefix}}/error.log warn;
        events { worker_connections 256; }
        http {
            access_log off;
            client_body_temp_path {{prefix}}/temp/body;
            proxy_temp_path {{prefix}}/temp/proxy;
            fastcgi_temp_path {{prefix}}/temp/fastcgi;
            uwsgi_temp_path {{prefix}}/temp/uwsgi;
            scgi_temp_path {{prefix}}/temp/scgi;
            default_type application/octet-stream;
            keepalive_requests 10000;
            server {
                listen 127.0.0.1:{{port}};
                listen [::1]:{{port}};
                root {{prefix}}/www;
                location = /hello { default_type text/plain; return 200 "hello from nginx\n"; }
                location = /bench { default_type text/plain; return 200 "bench\n"; }
                location = /close { keepalive_timeout 0; default_type text/plain; return 200 "closing\n"; }
                location /static/ { }
                location = /chunked {
                    default_type text/html;
                    alias {{prefix}}/www/rewritten.html;
                    sub_filter '{{ServedContent.ChunkedPlaceholder}}' '{{ServedContent.ChunkedReplacement}}';
                    sub_filter_once off;
                }
                location = /upload {
                    client_body_buffer_size 1m;
                    proxy_pass http://127.0.0.1:{{upstreamPort}}/received;
                }
            }
            server {
                listen 127.0.0.1:{{upstreamPort}};
                location = /received { default_type text/plain; return 200 "received $content_length bytes\n"; }
            }
        }
        """;
}
