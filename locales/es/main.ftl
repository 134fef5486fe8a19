# pracdocker — mensajes en español (idioma principal).

## Línea de comandos
cli-usage = Uso:
cli-commands = Comandos:
cli-arguments = Argumentos:
cli-options = Opciones:
cli-usage-error = Comando no válido; «pracdocker --help» muestra cómo usarlo. Detalle:
cli-arg-help = Muestra esta ayuda.
cli-arg-version = Muestra la versión.
cli-about = Entrenador de Docker: comprueba cada paso del curso contra el daemon de Docker real.
cli-arg-lang = Idioma de todos los mensajes (es, en). Por defecto, el del sistema; español si no es ninguno de los dos.
cli-arg-workdir = Carpeta de trabajo del alumno (por defecto, la carpeta actual).
cli-arg-lessons = Usar el curso de esta carpeta en lugar del curso incluido.
cli-list-about = Muestra las lecciones y sus pasos, con identificadores y títulos.
cli-list-arg-json = Salida en JSON.
cli-check-about = Comprueba ahora los pasos indicados (todos si no se indica ninguno).
cli-check-arg-target = LECCIÓN o LECCIÓN/PASO; todos los pasos si se omite.
cli-check-arg-json = Salida en JSON.
cli-check-arg-since = Cuándo empezaron los pasos, para las comprobaciones de eventos, logs y reconstrucciones: 30m, 2h, 1d atrás, o una fecha RFC 3339. Por defecto: el segundo después de completar el paso anterior.
cli-lint-about = Valida un curso: cada error indica archivo, línea y qué está mal.
cli-lint-arg-dir = Carpeta del curso; por defecto, el curso incluido (o el de --lessons).
cli-doctor-about = Diagnostica la instalación de Docker para el curso: daemon, contexto, Buildx, Compose v2, docker init, puertos del curso y Docker Hub.
cli-doctor-arg-json = Salida en JSON.
cli-answer-about = Responde a una pregunta del curso.
cli-answer-arg-target = LECCIÓN/PASO de la pregunta.
cli-answer-arg-choice = Número de la opción elegida, empezando por 1.

## Resultados
check-passed = { $kind ->
    [image] imagen
    [container] contenedor
    [network] red
    [volume] volumen
    [file] archivo
    [event] evento
    [quiz] pregunta
   *[other] { $kind }
} { $target }: correcto
check-passed-untargeted = { $kind ->
    [quiz] Respuesta correcta
    [swarm] Modo Swarm como se esperaba
   *[other] { $kind }: correcto
}
check-summary = { $passed } { $passed ->
        [one] paso correcto
       *[other] pasos correctos
    }, { $failed } con fallos, { $unknown } sin verificar, { $locked } por delante
check-skipped = saltado
check-reading = para leer: confírmalo en el entrenador con Intro
check-locked = sin empezar: primero completa { $current }
step-optional = opcional
course-invalid = El curso no es válido:

## Por qué falló una comprobación
reason-image-missing = No existe la imagen { $reference }.
reason-image-not-same = { $reference } es una imagen distinta de { $other }: una etiqueta debe apuntar a la misma imagen (usa docker tag).
reason-image-too-big = La imagen { $reference } ocupa { $size }; debería ocupar como mucho { $max }.
reason-image-root-user = La imagen { $reference } se ejecuta como root; define un usuario sin privilegios con USER.
reason-image-not-rebuilt = La imagen { $reference } no se ha reconstruido durante este paso.
reason-container-missing = { $by ->
    [name] No hay ningún contenedor llamado { $selector }.
    [image] No hay ningún contenedor creado a partir de la imagen { $selector }.
   *[service] No hay ningún contenedor del servicio { $selector }.
}
reason-container-state = El contenedor { $container } está { $found ->
    [running] en ejecución
    [exited] detenido
    [created] creado pero sin arrancar
    [paused] en pausa
    [restarting] reiniciándose
   *[other] en estado «{ $found }»
}; se esperaba { $expected ->
    [exited] detenido
   *[running] en ejecución
}.
reason-container-present = El contenedor { $container } todavía existe (estado «{ $state }»); debería haberse eliminado.
reason-port-not-published = El contenedor { $container } no publica ningún puerto del host para { $expected }; se esperaba { $expected } (host→contenedor).
reason-port-mismatch = El contenedor { $container } publica { $found }; se esperaba { $expected } (host→contenedor).
reason-not-on-network = { $container } está en { $found }, no en { $expected }.
reason-volume-not-mounted = El contenedor { $container } no monta el volumen { $volume } en { $path } (montajes: { $found }).
reason-nothing-mounted-at = El contenedor { $container } no tiene nada montado en { $path }.
reason-env-missing = El contenedor { $container } no tiene definida la variable { $name }.
reason-env-wrong-value = La variable { $name } del contenedor { $container } tiene otro valor (no se muestra).
reason-env-present = El contenedor { $container } tiene la variable { $name } en el entorno; debe llegarle como secreto, no como variable.
reason-detached-mismatch = { $expected ->
    [detached] El contenedor { $container } no se inició en segundo plano; usa -d.
   *[attached] El contenedor { $container } se inició en segundo plano; esta vez no uses -d.
}
reason-auto-remove-mismatch = { $expected ->
    [true] El contenedor { $container } no se inició con --rm.
   *[false] El contenedor { $container } se inició con --rm y no debería.
}
reason-network-missing = No existe la red { $name }.
reason-network-driver = La red { $name } usa el controlador { $found }; se esperaba { $expected }.
reason-volume-missing = No existe el volumen { $name }.
reason-http-unreachable = { $cause ->
    [refused] Nada escucha en { $url }: conexión rechazada. ¿Está el contenedor en marcha y el puerto publicado?
    [timeout] { $url } no respondió a tiempo.
   *[other] Nada responde en { $url } ({ $error }).
}
reason-http-status = { $url } respondió con el estado { $found }; se esperaba { $expected }.
reason-http-body-missing = La respuesta de { $url } no contiene «{ $text }».
reason-http-not-json = La respuesta de { $url } no es JSON.
reason-exec-not-running = El contenedor { $container } no está en ejecución, así que no se puede ejecutar nada dentro.
reason-exec-exit-code = «{ $command }» en { $container } terminó con el código { $found }; se esperaba { $expected }.
reason-exec-output-missing = La salida de «{ $command }» en { $container } no contiene «{ $text }».
reason-file-missing = No existe el archivo { $path } en la carpeta de trabajo.
reason-file-lacks = El archivo { $path } no contiene «{ $text }».
reason-file-empty = El archivo { $path } está vacío.
reason-file-not-yaml = El archivo { $path } no es YAML válido (línea { $line }): { $error }
reason-compose-project-missing = No hay contenedores del proyecto Compose { $project }.
reason-compose-service-down = El servicio { $service } del proyecto { $project } no está en ejecución.
reason-event-missing = Docker no ha registrado ninguna acción «{ $action }» sobre { $object ->
    [container] un contenedor
    [image] una imagen
    [network] una red
   *[volume] un volumen
} { $target } desde que empezó el paso.
reason-dockerfile-stages = { $path } tiene { $found } etapa(s); se esperaban al menos { $expected }.
reason-dockerfile-final-from = La última etapa de { $path } parte de { $found }; se esperaba { $expected }.
reason-dockerfile-latest-base = { $path }, línea { $line }: { $image } depende de la etiqueta latest; indica una versión.
reason-dockerfile-runs-not-combined = { $path }, línea { $line }: dos RUN seguidos; combínalos con && en uno solo.
reason-dockerfile-root-user = La última etapa de { $path } se ejecuta como root; añade USER con un usuario sin privilegios.
reason-dockerfile-order = En { $path } falta «{ $instruction }» o no está en el orden esperado.
reason-dockerfile-empty = { $path } no tiene ninguna instrucción FROM.
reason-quiz-unanswered = Todavía no has respondido a esta pregunta.
reason-quiz-wrong = La opción { $chosen } no es la correcta; vuelve a leer la sección e inténtalo de nuevo.
reason-swarm-state = Docker Swarm está «{ $found }»; se esperaba «{ $expected }».
reason-never-seen = { $container } no está, pero nunca estuvo: no hay rastro de que se creara y eliminara en este daemon.
reason-request-missing = { $container } no ha registrado la solicitud { $request } desde que empezó este paso: envíala tú, como muestra el paso (el entrenador no la envía por ti).
reason-request-answered = Tu solicitud { $request } llegó a { $container }, que no respondió 200: { $line }
reason-log-missing = Ninguna línea del log de { $container } desde que empezó este paso coincide con { $pattern }: envía la solicitud que pide el paso.
reason-step-not-begun = Esta comprobación mira lo que haces durante este paso, y el paso aún no ha empezado: completa antes { $step }.

## Por qué no se pudo verificar
unverifiable-socket-missing = No se pudo verificar: no existe el socket de Docker { $path } (¿está arrancado el daemon?).
unverifiable-permission-denied = No se pudo verificar: no tienes permiso para usar el socket de Docker { $path }.
unverifiable-daemon-timeout = No se pudo verificar: el daemon de Docker en { $host } no respondió a tiempo.
unverifiable-daemon-unreachable = No se pudo verificar: no se puede contactar con el daemon de Docker en { $host } ({ $error }).
unverifiable-api-too-old = No se pudo verificar: el daemon usa la API { $found } y pracdocker necesita al menos la { $minimum }.
unverifiable-daemon-error = No se pudo verificar: el daemon devolvió un error: { $error }
unverifiable-file-unreadable = No se pudo verificar: no se puede leer { $path } ({ $error }).
unverifiable-progress-unreadable = No se pudo verificar: no se puede leer el archivo de progreso ({ $error }).

## Cómo arreglarlo
fix-socket-missing = Arranca Docker (Linux: «sudo systemctl start docker»; Windows/macOS: abre Docker Desktop) o indica dónde está con DOCKER_HOST.
fix-permission-denied = Añade tu usuario al grupo docker con «sudo usermod -aG docker $USER» y vuelve a iniciar sesión (o ejecuta «newgrp docker»).
fix-daemon-timeout = El daemon está ocupado o DOCKER_HOST apunta a un sitio equivocado; compruébalo con «docker info».
fix-daemon-unreachable = Comprueba DOCKER_HOST y el contexto actual («docker context ls») y que el daemon esté arrancado.
fix-api-too-old = Actualiza Docker Engine a la versión 20.10 o posterior.

## Validación de cursos
lint-ok = Curso válido: { $lessons } lecciones, { $steps } pasos.
lint-failed = { $count } error(es) en el curso.
lint-file-missing = Falta este archivo.
lint-unreadable = No se puede leer el archivo: { $error }
lint-toml = TOML no válido: { $error }
lint-format-version = format_version = { $found }, pero esta versión de pracdocker lee el formato { $supported }.
lint-no-lessons = La lista «lessons» está vacía.
lint-duplicate-lesson = La lección { $lesson } aparece dos veces.
lint-bad-id = El identificador «{ $name }» solo puede contener minúsculas, dígitos y «-».
lint-no-steps = La lección no tiene pasos.
lint-duplicate-step = El paso { $step } está repetido.
lint-duplicate-hint = La pista { $hint } está repetida.
lint-no-title = Falta el título de la lección (un encabezado «# Título» al principio).
lint-missing-section = El paso { $step } no tiene sección «## Título {"{"}#{ $step }{"}"}» en { $file }.
lint-unknown-section = La sección {"{"}#{ $section }{"}"} no corresponde a ningún paso de lesson.toml.
lint-section-without-id = La sección «{ $title }» no tiene identificador de paso; escribe «## { $title } {"{"}#id-del-paso{"}"}».
lint-section-order = La sección { $step } está fuera de orden: según lesson.toml, aquí va { $expected }.
lint-missing-hint = Falta la pista { $hint } del paso { $step } (un encabezado «### … {"{"}#{ $hint }{"}"}» dentro del paso).
lint-unknown-hint = La sección {"{"}#{ $hint }{"}"} no figura en las pistas del paso { $step }.
lint-quiz-choices = La pregunta del paso { $step } necesita una lista numerada con { $expected } opciones; hay { $found }.
lint-quiz-answer-range = En el paso { $step }, answer = { $answer } debe estar entre 1 y { $choices }.
lint-several-quizzes = El paso { $step } tiene más de una pregunta; divídelo en varios pasos.
lint-container-selector = Una comprobación container del paso { $step } necesita exactamente uno de name, image o compose_service.
lint-empty-command = Una comprobación exec del paso { $step } tiene el comando vacío.
lint-too-many-retries = Una comprobación http del paso { $step } tiene más de 10 reintentos.
lint-path-outside-workdir = En el paso { $step }, la ruta { $path } sale de la carpeta de trabajo; usa una ruta relativa sin «..».
lint-bad-request = En el paso { $step }, la solicitud { $request } del log no es MÉTODO /ruta (por ejemplo GET /initdb).
lint-log-what = En el paso { $step }, una comprobación de log necesita pattern o request (una de las dos).
lint-bad-pattern = En el paso { $step }, el patrón del log no es una expresión regular válida: { $error }.
lint-not-utf8 = El archivo no está en UTF-8 (el primer byte no válido está en esta línea); guárdalo como UTF-8.
lint-duplicate-section = La sección {"{"}#{ $section }{"}"} está repetida; cada paso tiene una sola sección.

## Errores de uso
error-since = «{ $value }» no es un momento válido para --since (ejemplos: 30m, 2h, 1d, 2026-11-28T10:00:00Z).
error-no-such-step = No existe la lección o el paso «{ $target }»; «pracdocker list» los muestra todos.
error-step-locked = { $step } aún no ha empezado: primero completa { $current }.
error-not-a-quiz = «{ $target }» no es un paso con pregunta; «pracdocker list» muestra los pasos.
cli-skip-about = Salta el paso actual si es opcional y sigue adelante, como «check».
cli-skip-arg-target = LECCIÓN/PASO del paso opcional.
error-not-optional = «{ $target }» no es opcional: hay que completarlo.
check-optional-hint = { $step } es opcional: «pracdocker skip { $step }» lo salta.
error-progress = No se puede guardar el progreso: { $error }
error-runtime = No se pudo iniciar: { $error }
progress-set-aside = El archivo de progreso estaba dañado; se ha guardado aparte como { $path } y se empieza uno nuevo.

## Diagnóstico
doctor-endpoint = Daemon: { $host } (contexto: { $context })
doctor-daemon-ok = Docker Engine { $version } (API { $api }) responde.
doctor-port-taken = El puerto { $port } ya está ocupado; libéralo antes de publicarlo (¿un contenedor anterior? «docker ps»).
doctor-port-free = El puerto { $port } está libre.

## Línea de comandos: el entrenador y sus compañeras
cli-arg-plain = El entrenador en líneas de texto, para lectores de pantalla, terminales simples y tuberías.
cli-reset-about = Olvida tu progreso en una lección o en todo el curso (pregunta antes).
cli-reset-arg-lesson = Identificador de la lección; todo el curso si se omite.
cli-reset-arg-yes = No pedir confirmación.
cli-completions-about = Muestra el autocompletado para la shell (bash, zsh, fish, powershell).
cli-completions-arg-shell = La shell: bash, zsh, fish o powershell.
cli-man-about = Muestra la página de manual (roff).
reset-confirm = ¿Olvidar tu progreso en { $what }? [s/N]
reset-whole-course = todo el curso
reset-needs-yes = La entrada estándar no es una terminal: añade --yes para reiniciar sin preguntar.
reset-cancelled = No se ha cambiado nada.
reset-done = Progreso olvidado: { $what }.

## El entrenador
tui-step-of = Paso { $n }/{ $total }
tui-hint = { $title } ({ $n }/{ $total })
tui-optional-mark = opc.
tui-locked = Este paso está bloqueado: termina antes el paso actual (g vuelve a él).
tui-reading = Aquí no hay nada que comprobar: pulsa Intro cuando lo hayas leído.
tui-quiz = Responde con una tecla del 1 al { $max }. Tu respuesta: { $chosen }.
tui-optional = Este paso es opcional: s lo omite.
tui-hints-left = h: pista ({ $shown }/{ $total } vistas)
tui-check-pending = { $kind ->
    [image] imagen
    [container] contenedor
    [network] red
    [volume] volumen
    [file] archivo
    [event] evento
    [quiz] pregunta
   *[other] { $kind }
} { $target }: sin comprobar aún
tui-checks = Comprobaciones
tui-checking = comprobando…
tui-keys = ? ayuda · h pista · r comprobar · ←→ pasos · q salir
tui-daemon-connecting = Conectando con Docker…
tui-daemon-up = Docker { $version } · { $host }
tui-daemon-retrying = pracdocker lo vuelve a intentar solo; mientras, las lecciones se pueden leer.
tui-save-error = No se pudo guardar tu progreso: { $error }
tui-help-title = Teclas
key-steps = paso anterior / siguiente (el siguiente se abre al completar el actual)
key-current = volver al paso en el que estás
key-scroll = desplazar el texto (también con la rueda del ratón)
key-hint = mostrar una pista más
key-answer = responder a la pregunta
key-confirm = confirmar un paso de lectura, o volver a comprobar
key-skip = omitir un paso opcional
key-code = elegir un bloque de código / copiar su comando
key-recheck = volver a comprobar ahora
key-lang = cambiar de idioma (es/en)
key-help = esta ayuda (cualquier tecla la cierra)
key-suspend = suspender (fg lo recupera)
key-close = cerrar la ayuda o un aviso
key-quit = salir
flash-passed = ✔ Paso completado: { $step }
flash-course-done = ✔ Has terminado el curso. ¡Enhorabuena!
flash-copied = Comando copiado al portapapeles.
flash-locked = Ese paso está bloqueado: termina antes el actual.
flash-no-more-hints = No hay más pistas para este paso.
flash-not-optional = Solo se puede omitir un paso opcional.
flash-no-such-option = La pregunta no tiene esa opción.
flash-not-a-quiz = Este paso no es una pregunta.
flash-no-code = Este paso no tiene bloques de código que copiar.
plain-unknown-command = Comandos: h pista, un número responde, s omitir, l idioma, r comprobar, n/p siguiente/anterior, Intro confirma, q salir.
plain-prompt = (Hazlo en otra terminal; el entrenador lo nota solo. h pista, r comprobar, q salir.)
plain-prompt-reading = (Pulsa Intro cuando lo hayas leído.)
## Por qué falló (comprobaciones de eventos, añadidas)
reason-event-new-container = Docker registró «{ $action }» sobre { $container }, pero ese contenedor se creó durante este paso (docker run crea uno nuevo). Este paso es para un contenedor de { $target } que ya existía: búscalo con docker ps -a (y elimina el nuevo si ocupa su puerto).
## Terminal del entrenador
term-not-a-terminal = pracdocker necesita una terminal interactiva para mostrar las lecciones; con la salida redirigida, usa «pracdocker --plain».
term-failed = No se pudo preparar la terminal: { $error }
# Palabra que abre una nota (cita en Markdown) en la lección.
ui-note-label = Nota
## Calificación para docentes (grade)
cli-grade-about = Califica los puntos de control para un docente: un daemon, o una clase con --roster.
cli-grade-arg-lesson = Solo esta lección.
cli-grade-arg-format = Formato: table, json, junit, markdown, csv (un libro de calificaciones: una fila por alumno) o gradescope (el results.json de un alumno).
cli-grade-arg-output = Escribe el informe en este archivo en vez de la salida estándar.
cli-grade-arg-progress = El archivo de progreso del alumno (respuestas, cuándo empezó cada paso). Sin él, las preguntas quedan «sin verificar».
cli-grade-arg-since = Cuándo empezaron los pasos, sin archivo de progreso: 30m, 2h, 1d atrás o una hora RFC 3339.
cli-grade-arg-roster = Una clase: TOML o CSV con name, host y, si se quiere, tls, progress, workdir, lang (de la retroalimentación); cualquier otra columna (un id de estudiante, un correo) pasa a todas las exportaciones.
cli-grade-arg-jobs = Cuántos hosts se califican a la vez.
cli-grade-arg-timeout = Segundos por host, para conectar y calificarlo entero.
cli-grade-arg-watch = Un tablero de la clase en vivo en la terminal (con --roster).
unverifiable-no-progress = Sin verificar: sin archivo de progreso (--progress) no se ven las respuestas del alumno.
unverifiable-no-beginning = Sin verificar: no se sabe cuándo empezó el paso; da --progress o --since.
unverifiable-no-workdir = Sin verificar: no hay carpeta del alumno (workdir en la lista de clase).
grade-learner = { $name } — { $host }
grade-daemon = Daemon { $id } en { $name } (Docker { $version }), calificado { $time }
grade-score = { $passed }/{ $required } pasos obligatorios superados
grade-optional = opcionales: { $passed }/{ $total }
grade-no-checks = sin comprobaciones (no cuenta)
grade-col-learner = Alumno
grade-col-total = Total
grade-col-step = Paso
grade-col-detail = Detalle
grade-summary-title = Resumen de la clase
grade-cell-unreachable = inalcanzable
grade-cell-timeout = sin respuesta
## points, gradescope, observed/claimed, feedback (issue 17)
cli-grade-arg-feedback = Escribe en esta carpeta un archivo Markdown de resultados por alumno, en su idioma (lang en la lista de clase), con el veredicto, el motivo y la pista de cada paso.
grade-col-points = Puntos
grade-points-pending = pendientes: { $points }
grade-points = { $earned }/{ $max } puntos
grade-basis = { $basis ->
    [observed] observado
    [contradicted] ⚠ contradicho
    [unverified] sin verificar
   *[claimed] declarado (archivo de progreso)
}
grade-feedback-for = Resultados de { $name }
grade-feedback-not-graded = No se pudo calificar nada: el corrector no llegó a tu daemon de Docker.
grade-feedback-hint = Pista
grade-feedback-error = No se pueden escribir los archivos de resultados: { $error }
grade-gradescope-one-learner = Gradescope lee el results.json de un solo alumno, y esta lista de clase tiene { $count }: da a --output una carpeta (se crea si no existe) para obtener un archivo por alumno.
lint-points-not-a-number = En el paso { $step }, points = { $value } no es un número.
lint-points-negative = En el paso { $step }, points = { $value } es negativo.
lint-points-too-precise = En el paso { $step }, points = { $value } tiene más de dos decimales (o es demasiado grande).
lint-check-points-missing = En el paso { $step }, algunas comprobaciones tienen points y esta no: da points a todas las comprobaciones del paso o a ninguna.
lint-points-do-not-add-up = En el paso { $step }, los points de las comprobaciones suman { $sum }, no los { $points } del paso.
lint-points-without-checks = El paso { $step } tiene points pero ninguna comprobación: un paso de lectura no cuenta.
grade-no-such-lesson = El curso no tiene ninguna lección llamada { $lesson }.
grade-roster-error = No se puede usar la lista de clase: { $error }
grade-output-error = No se puede escribir { $path }: { $error }
## ledger
cli-grade-arg-ledger = Añade cada cambio de veredicto a esta bitácora de veredictos (líneas JSON), en una calificación o con --watch.
cli-grade-arg-from_ledger = Informa de la clase a partir de una bitácora de veredictos, sin daemon (en todos los formatos).
cli-grade-arg-as_of = Con --from-ledger: la clase tal como estaba en este momento (por defecto, el final de la bitácora); 30m, 2h, 1d atrás o RFC 3339.
cli-grade-arg-deadline = Marca como fuera de plazo los pasos hechos después de este momento: 30m, 2h, 1d atrás o RFC 3339.
grade-ledger-error = No se puede usar la bitácora de veredictos: { $error }
grade-ledger-torn = ⚠ { $path }: la línea { $line } está incompleta (una escritura interrumpida); se omite.
grade-ledger-unreadable = ⚠ { $path }: la línea { $line } no es un veredicto; se omite.
grade-bad-time = «{ $value }» no es un momento válido para { $flag } (ejemplos: 30m, 2h, 1d, 2026-12-07T15:00:00Z, 2026-12-07T16:00:00+01:00).
grade-late = fuera de plazo
grade-late-count = fuera de plazo: { $count }
grade-as-of = Estado el { $time }, según la bitácora
grade-deadline = Plazo: { $time }
unverifiable-not-in-ledger = Sin verificar: la bitácora no tiene ningún veredicto de esta comprobación hasta entonces.

grade-watch-connecting = conectando…
grade-watch-dropped = caído, reconectando
grade-watch-live = en vivo
grade-board-title = Tablero de la clase
grade-board-title-steps = Tablero de la clase, por paso
grade-board-graded = { $graded }/{ $total } calificados
grade-board-sort = orden: { $by }
grade-board-sort-name = nombre
grade-board-sort-progress = progreso (los rezagados primero)
grade-board-sort-stalled = tiempo sin avance
grade-board-rows = filas { $from }–{ $to } de { $total }
grade-board-steps-pos = pasos { $from }–{ $to } de { $total }
grade-board-lessons = lecciones { $from }–{ $to } de { $total } (← →)
grade-board-alias = Estudiante { $n }
grade-board-col-idle = Sin avance
grade-board-col-link = Conexión
grade-board-col-passed = Superado
grade-board-col-stuck = Atascados
grade-board-col-reason = Fallo más común
grade-board-idle-min = { $min } min
grade-board-idle-hours = { $h } h { $min } min
grade-board-keys = ↑↓ j k RePág AvPág Inicio Fin desplazan · v estudiantes/pasos · s orden · q sale
cli-grade-arg-anonymize = Con --watch: muestra alias («Estudiante 017», numerados según el orden de la lista) en lugar de los nombres en pantalla; la bitácora guarda los nombres reales.

## Shell pane (issue 9)
cli-arg-shell = Abre el entrenador con tu terminal en un panel, lista para escribir (F2 pasa de la lección a la terminal).
tui-keys-shell = F2 terminal
tui-keys-in-shell = F2 vuelve a la lección · Mayús-RePág/AvPág: historial
key-shell = abrir tu terminal en un panel / pasar de la lección a ella
key-type = escribir el comando en tu terminal, sin Intro
key-shell-scroll = desplazar la terminal (también la rueda sobre ella)
tui-shell-title = Terminal
tui-shell-focused = · F2 vuelve a la lección
tui-shell-unfocused = · F2 para escribir aquí
tui-shell-scrolled = ↑ { $lines } líneas atrás
tui-shell-exited = La terminal terminó (estado { $code }); F2 abre otra.
tui-shell-failed = No se pudo abrir la terminal: { $error }

## El curso en el Docker de hoy (issue 16)
reason-ports-published = El contenedor { $container } publica { $found } en el host; en este paso ejecútalo sin -p, para ver que sin publicar un puerto nada le llega desde tu máquina.
reason-port-held = El contenedor { $container } no está en marcha: el puerto { $port } del host que pide lo ocupa el contenedor { $holder }. Detenlo antes con docker stop { $holder } (puede tardar 10 s) y vuelve a intentarlo.
reason-container-not-started = El contenedor { $container } está creado pero no llegó a arrancar; pide el puerto { $port } del host. Si Docker respondió «port is already allocated», otro contenedor o programa lo ocupa: búscalo con docker ps, detenlo y vuelve a intentarlo.
reason-dockerfile-packages-unsorted = { $path }, línea { $line }: los paquetes no están en orden alfabético: { $package } va antes que { $after }.
doctor-buildx-ok = Buildx { $version }: el constructor BuildKit que necesita el Dockerfile del curso (RUN --mount).
doctor-buildx-broken = Buildx está en { $path } pero no responde ({ $error }); reinstálalo (paquete docker-buildx-plugin, o docker-buildx en Debian y Ubuntu).
doctor-buildx-missing = Falta Buildx, y el Dockerfile del curso (RUN --mount) necesita BuildKit: docker build respondería «the --mount option requires BuildKit». Instala el paquete docker-buildx-plugin (repositorio de Docker) o docker-buildx (Debian 13, Ubuntu); Docker Desktop ya lo trae. Solo con el cliente de Docker 20.10 basta «DOCKER_BUILDKIT=1 docker build».
doctor-compose-v2-ok = Compose v2 { $version } («docker compose»).
doctor-compose-broken = El complemento Compose está en { $path } pero no responde ({ $error }); reinstálalo.
doctor-compose-only-v1 = Solo tienes Compose v1 («docker-compose»); el curso usa «docker compose» (v2), y «docker compose up --build» respondería «unknown flag: --build». Instala el complemento Compose v2: docker-compose-plugin (repositorio de Docker), docker-compose-v2 (Ubuntu) o docker-compose (Debian 13).
doctor-compose-v2-missing = Falta Compose v2 («docker compose»), que usa la lección 5. Instala docker-compose-plugin (repositorio de Docker), docker-compose-v2 (Ubuntu) o docker-compose (Debian 13); Docker Desktop ya lo trae.
doctor-init-ok = docker init disponible (viene con Docker Desktop).
doctor-init-missing = No tienes docker init, que solo viene con Docker Desktop. No pasa nada: en los pasos «docker init» de las lecciones 1 y 4 crearás sus archivos a mano, como explica la lección («Sin docker init»).
doctor-port-held = El puerto { $port } lo ocupa el contenedor { $container }; detenlo antes de publicarlo («docker stop { $container }»).
doctor-hub-ok = Docker Hub responde (registry-1.docker.io): se pueden descargar las imágenes del curso.
doctor-hub-unreachable = No se llega a Docker Hub ({ $error }): las imágenes del curso (python, postgres, golang, ubuntu) no se podrán descargar. ¿Hay conexión a Internet? ¿Hace falta un proxy?
doctor-hub-unknown = No se pudo verificar si se llega a Docker Hub: no respondió en { $seconds } s. Las descargas pueden ir lentas o fallar.
doctor-hub-login = No has iniciado sesión en Docker Hub. Sin sesión, Docker Hub limita las descargas por dirección IP, y en un aula que sale a Internet por una sola dirección el límite se agota pronto («toomanyrequests»). Con «docker login» (basta una cuenta gratuita) el límite es el de tu cuenta.
doctor-hub-logged-in = Sesión iniciada en Docker Hub: el límite de descargas es el de tu cuenta.
flash-skipped = Paso omitido: { $step }
flash-copied-tmux = Comando copiado al portapapeles (tmux lo deja pasar).
flash-copied-tmux-blocked = Dentro de tmux el comando no llega al portapapeles: tmux no deja pasar OSC 52. Actívalo con «tmux set -g set-clipboard on», o selecciona el texto con Mayús y el ratón.
flash-copied-tmux-unknown = Comando enviado; dentro de tmux solo llega al portapapeles si tmux deja pasar OSC 52 («tmux set -g set-clipboard on»).
tui-watching = Carpeta vigilada: { $path }
tui-watching-help = Carpeta vigilada (tus archivos; --workdir la cambia): { $path }
tui-daemon-up-short = Docker { $version }
tui-more-below = ▼ el texto sigue abajo: ↓ o AvPág
tui-more-above = ▲ fin del texto; más arriba: ↑ o RePág
flash-placeholder = El comando tiene un hueco, { $placeholder }: se ha escrito hasta ahí. Complétalo tú (con lo que muestra «docker ps», si es un contenedor) y pulsa Intro.
## Windows y WSL (issue 15)
unverifiable-pipe-missing = No se pudo verificar: no existe la tubería de Docker { $path } (¿está abierto Docker Desktop?).
unverifiable-pipe-denied = No se pudo verificar: no tienes permiso para abrir la tubería de Docker { $path }.
fix-pipe-missing = Abre Docker Desktop y espera a que diga «Engine running» (o indica dónde está tu daemon con DOCKER_HOST).
fix-pipe-denied = Añade tu usuario de Windows al grupo docker-users (en PowerShell como administrador: net localgroup docker-users $env:USERNAME /add) y vuelve a iniciar sesión.
doctor-host-desktop-stopped = Docker Desktop está instalado pero no está en marcha: ábrelo desde el menú Inicio y espera a que diga «Engine running».
doctor-host-no-docker = Docker Desktop no está instalado: instálalo (funciona sobre WSL 2, que se prepara con «wsl --install» en PowerShell como administrador) y ábrelo una vez.
doctor-host-no-desktop-wsl = Docker Desktop no está instalado, pero WSL sí. Si tu Docker Engine funciona dentro de una distribución de WSL, usa pracdocker allí (la versión para Linux, dentro de «wsl»), o instala Docker Desktop y activa su integración con WSL.
doctor-host-windows-containers = El daemon ejecuta contenedores de Windows y las imágenes del curso son de Linux: haz clic derecho en el icono de Docker Desktop de la barra de tareas y elige «Switch to Linux containers…».
doctor-host-wsl-integration = Estás dentro de WSL ({ $distro }) y no hay socket de Docker. Con Docker Desktop, activa su integración para esta distribución (Settings → Resources → WSL integration) y abre una terminal nueva; con Docker Engine instalado en la distribución, arráncalo («sudo service docker start»).
# Un paso que el archivo de progreso del alumno da por hecho (grade).
grade-done = { $basis ->
    [observed] hecho { $at }, visto en el daemon
    [contradicted] ⚠ registrado como hecho { $at }, pero el daemon nunca tuvo lo que nombra el archivo de progreso
   *[claimed] hecho { $at }, según el archivo de progreso del alumno (ya no queda nada que ver en el daemon)
}
grade-claimed = declarados: { $count }
grade-flagged = ⚠ contradichos: { $count }
grade-same-daemon = ⚠ El mismo daemon de Docker que { $names }: el trabajo de una persona contado para varias, o un error en la lista.
