namespace DigitalDelivery.AppHost.Stores;

/// <summary>
/// Where customer mail goes: locally a sink that keeps every message (aiosmtpd's Maildir in .local/mail, or MailDev's
/// container); in publish mode a real relay's connection string, which azd asks for (<c>smtp://user:pass@host:587</c>).
/// </summary>
public static class SmtpSinkStore
{
    public const int LocalPort = 52525;

    public static IResourceBuilder<IResourceWithConnectionString> AddSmtpSink(
        this IDistributedApplicationBuilder builder, StoreMode mode, LocalState state, string name)
    {
        switch (mode)
        {
            case StoreMode.Publish:
                return builder.AddConnectionString(name);
            case StoreMode.Containers:
                var container = new MailDevContainerResource(name);
                return builder.AddResource(container)
                    .WithImage("maildev/maildev", "2.2.1").WithImageRegistry("docker.io")
                    .WithEndpoint(port: LocalPort, targetPort: 1025, name: MailDevContainerResource.EndpointName, scheme: "tcp")
                    .WithHttpEndpoint(targetPort: 1080, name: "http")
                    .WithHealthCheck(AnswersHealthCheck.Register(builder, name, container.Endpoint, AnswersHealthCheck.Protocol.Smtp));
        }

        // A complete Maildir: Python's mailbox creates tmp/new/cur only for a folder that does not exist yet.
        var maildir = state.DataDirectory("mail");
        foreach (var part in (string[])["tmp", "new", "cur"])
        {
            Directory.CreateDirectory(Path.Combine(maildir, part));
        }

        var sink = new LocalSmtpSinkResource(name, maildir);
        return builder.AddResource(sink)
            .WithEndpoint(port: LocalPort, name: LocalSmtpSinkResource.EndpointName, scheme: "tcp")
            .WithArgs(context =>
            {
                context.Args.Add("-m");
                context.Args.Add("aiosmtpd");
                context.Args.Add("-n");
                context.Args.Add("-l");
                context.Args.Add(ReferenceExpression.Create($"127.0.0.1:{sink.Endpoint.Property(EndpointProperty.TargetPort)}"));
                context.Args.Add("-c");
                context.Args.Add("aiosmtpd.handlers.Mailbox");
                context.Args.Add(maildir);
            })
            .WithIconName("Mail")
            .WithHealthCheck(AnswersHealthCheck.Register(builder, name, sink.Endpoint, AnswersHealthCheck.Protocol.Smtp));
    }
}
