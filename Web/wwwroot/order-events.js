// The order page follows its order: the portal relays the Api's server-sent events, and a transition to another
// status reloads the page (static rendering has no live connection of its own).
(() => {
    const script = document.currentScript;
    const order = script.dataset.order;
    const shown = script.dataset.status;
    const events = new EventSource(`/orders/${order}/events`);
    events.addEventListener("transition", (message) => {
        const transition = JSON.parse(message.data);
        if (transition.to !== shown && !document.hidden) {
            events.close();
            window.location.replace(`/orders/${order}`);
        }
    });
})();
