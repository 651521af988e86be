from remissvar_cli.main import app

app()
